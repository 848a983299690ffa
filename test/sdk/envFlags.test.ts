/** sdk/envFlags.ts: helmfile's boolean environment variables, read as helmfile v1.8.0 reads them. */
import { envFlag, insecureTemplateFunctionsDisabled, parseGoBool } from "../../sdk/envFlags";

describe("parseGoBool (Go strconv.ParseBool)", () => {
  test.each(["1", "t", "T", "TRUE", "true", "True"])("%j is true", (s) => expect(parseGoBool(s)).toBe(true));
  test.each(["0", "f", "F", "FALSE", "false", "False"])("%j is false", (s) => expect(parseGoBool(s)).toBe(false));
  test.each(["", "yes", "no", "on", "tRUE", "fALSE", " true", "true\n", "2", "01", "y"])("%j is an error (undefined)", (s) => {
    expect(parseGoBool(s)).toBeUndefined();
  });
});

describe("envFlag", () => {
  describe.each(["HELMFILE_DISABLE_INSECURE_FEATURES", "HELMFILE_DISABLE_INSECURE_TEMPLATE_FUNCTIONS"] as const)(
    "%s: strconv.ParseBool, parse errors ignored",
    (name) => {
      test.each(["1", "t", "T", "TRUE", "true", "True"])("%j is set", (v) => expect(envFlag({ [name]: v }, name)).toBe(true));
      test.each(["0", "false", "", "yes", "on"])("%j is not", (v) => expect(envFlag({ [name]: v }, name)).toBe(false));
      test("unset is not", () => expect(envFlag({}, name)).toBe(false));
    },
  );

  describe("HELMFILE_RENDER_YAML: only the lower-case word true (os.Getenv(...) == \"true\")", () => {
    test("true is set", () => expect(envFlag({ HELMFILE_RENDER_YAML: "true" }, "HELMFILE_RENDER_YAML")).toBe(true));
    test.each(["1", "t", "T", "TRUE", "True", "", "yes"])("%j is not", (v) => {
      expect(envFlag({ HELMFILE_RENDER_YAML: v }, "HELMFILE_RENDER_YAML")).toBe(false);
    });
  });
});

describe("insecureTemplateFunctionsDisabled", () => {
  test("either variable disables the functions", () => {
    expect(insecureTemplateFunctionsDisabled({})).toBe(false);
    expect(insecureTemplateFunctionsDisabled({ HELMFILE_DISABLE_INSECURE_FEATURES: "1" })).toBe(true);
    expect(insecureTemplateFunctionsDisabled({ HELMFILE_DISABLE_INSECURE_TEMPLATE_FUNCTIONS: "T" })).toBe(true);
    expect(insecureTemplateFunctionsDisabled({ HELMFILE_DISABLE_INSECURE_FEATURES: "0", HELMFILE_DISABLE_INSECURE_TEMPLATE_FUNCTIONS: "yes" })).toBe(false);
  });
});
