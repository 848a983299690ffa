/** sprig functions this engine refuses rather than approximating: they fail with an error naming the function. */
import { fail } from "../errors";
import { f, FuncMap, ParamType } from "../exec/types";

const REJECTED: Record<string, [ParamType[], ParamType | undefined, string]> = {
  buildCustomCert: [["string", "string"], undefined, "certificate generation is not reproduced"],
  genCA: [["string", "int"], undefined, "certificate generation is not reproduced"],
  genCAWithKey: [["string", "int", "string"], undefined, "certificate generation is not reproduced"],
  genSelfSignedCert: [["string", "list", "list", "int"], undefined, "certificate generation is not reproduced"],
  genSelfSignedCertWithKey: [["string", "list", "list", "int", "string"], undefined, "certificate generation is not reproduced"],
  genSignedCert: [["string", "list", "list", "int", "any"], undefined, "certificate generation is not reproduced"],
  genSignedCertWithKey: [["string", "list", "list", "int", "any", "string"], undefined, "certificate generation is not reproduced"],
  getHostByName: [["string"], undefined, "DNS lookups are not performed by the template engine"],
};

export function unsupportedFuncs(): FuncMap {
  const m: FuncMap = new Map();
  for (const [name, [params, variadic, why]] of Object.entries(REJECTED)) {
    m.set(name, f(params, () => fail(`${name} is not supported by the TypeScript template engine: ${why}`), variadic));
  }
  return m;
}
