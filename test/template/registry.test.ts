/** sdk/template/funcs/registry.ts: the engine defines every function helmfile's template engine has. */
import { allFuncs } from "../../sdk/template/funcs/registry";
import { funcNamesGo } from "./goref";

const ours = allFuncs({ renderText: () => "", executeTemplate: () => "" }, { env: {}, baseDir: "/", disableInsecureFeatures: false, exec: () => "" });

test("every sprig TxtFuncMap and helmfile function that Go defines is defined (rejected ones included, by name)", () => {
  const go = funcNamesGo();
  expect(go).toEqual(expect.arrayContaining(["randAlphaNum", "randAlpha", "randAscii", "randNumeric", "requiredEnv", "include"]));
  expect(go.filter((name) => !ours.has(name))).toEqual([]);
}, 600_000);
