/** The benchmark fixture renders identically in Go and TypeScript, and benchTemplate reports sane numbers. */
import * as fs from "node:fs";
import * as path from "node:path";
import { benchTemplate } from "../../bench/template";
import { decodeYaml, renderTemplate } from "../../sdk/template";
import { runGo } from "./goref";

const dir = path.join(__dirname, "fixtures", "bench");

test("bench fixture: TypeScript output equals Go output", () => {
  const template = fs.readFileSync(path.join(dir, "helmfile.yaml.gotmpl"), "utf8");
  const dataYaml = fs.readFileSync(path.join(dir, "values.yaml"), "utf8");
  const [go] = runGo([{ name: "helmfile.yaml.gotmpl", template, dataYaml, baseDir: dir }]);
  expect(go.error).toBeUndefined();
  const ours = renderTemplate(template, decodeYaml(dataYaml), { name: "helmfile.yaml.gotmpl", baseDir: dir });
  expect(ours).toBe(go.output);
  expect(ours.split("\n").length).toBeGreaterThan(250);
}, 120_000);

test("benchTemplate reports renders/second for both engines", async () => {
  const rows = await benchTemplate();
  expect(rows.length).toBe(3);
  const [rate] = rows;
  expect(Number(rate.ours)).toBeGreaterThan(0);
  expect(Number(rate.peer)).toBeGreaterThan(0);
  expect(Number(rate.ratio)).toBeCloseTo(Number(rate.ours) / Number(rate.peer), 1);
  expect(rate.notes).not.toContain("MISMATCH");
}, 300_000);
