/**
 * Differential tests: every case in test/template/cases/*.yaml is rendered by Go (text/template + sprig v3 +
 * helmfile's functions, via the goref program) and by the TypeScript engine; outputs must be identical and errors
 * must agree (see CaseSpec.errorCompare).
 */
import { CaseSpec, loadCases, renderOurs } from "./cases";
import { GoResult, runGo } from "./goref";

const cases = loadCases();
let goResults: Map<string, GoResult>;

beforeAll(() => {
  const results = runGo(cases.map(({ file: _file, errorCompare: _ec, expectError: _ee, ...goCase }) => goCase));
  goResults = new Map(results.map((r) => [r.name, r]));
}, 600_000);

/** "template: x:1:2: executing "x" at <f 1>: error calling f: msg" → everything up to "error calling f:". */
function errorPrefix(msg: string): string {
  const m = /^(.*?error calling [^:]+:)/s.exec(msg);
  return m ? m[1] : msg;
}

test("the case files hold at least 400 cases", () => {
  expect(cases.length).toBeGreaterThanOrEqual(400);
});

describe.each([...new Set(cases.map((c) => c.file))])("%s", (file) => {
  test.each(cases.filter((c) => c.file === file).map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const go = goResults.get(c.name)!;
    expect(go).toBeDefined();
    expect(go.error ?? "").not.toMatch(/^goref/);
    const ours = renderOurs(c);
    if (go.error === undefined) {
      expect(c.expectError ?? false).toBe(false);
      expect(ours).toEqual({ output: go.output });
      return;
    }
    expect(ours.error).toBeDefined();
    expect(ours.error).not.toMatch(/^NON-TEMPLATE ERROR/);
    switch (c.errorCompare ?? "exact") {
      case "exact":
        expect(ours.error).toBe(go.error);
        break;
      case "prefix":
        expect(errorPrefix(ours.error!)).toBe(errorPrefix(go.error));
        break;
      case "fails":
        expect(ours.output).toBeUndefined();
        break;
    }
  });
});
