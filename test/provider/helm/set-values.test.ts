import { parseSetKey, setEntriesToValues, typedSetValue } from "../../../provider/helm/set-values";

describe("set entries as a values layer (helm's strvals)", () => {
  it("keys: nesting, list indexes, escaped dots", () => {
    expect(parseSetKey("a.b[1].c")).toEqual([{ key: "a" }, { key: "b" }, { index: 1 }, { key: "c" }]);
    expect(parseSetKey("annotations.example\\.com/x")).toEqual([{ key: "annotations" }, { key: "example.com/x" }]);
    expect(() => parseSetKey("a..b")).toThrow(/empty segment/);
  });
  it("types as --set: bools, null, integers; other text stays a string", () => {
    expect(["true", "false", "null", "42", "-7", "007", "1.5", "1e3", "x"].map(typedSetValue)).toEqual([true, false, null, 42, -7, "007", "1.5", "1e3", "x"]);
  });
  it("set before set-string; lists; file contents; sparse lists densified with null", () => {
    expect(
      setEntriesToValues(
        [{ name: "a.b", value: "1" }, { name: "l[2]", value: "x" }, { name: "tags", values: ["a", "2"] }, { name: "cfg", fileContent: "k: v\n" }, { name: "typed", value: 3 }],
        [{ name: "a.b", value: "1" }],
      ),
    ).toEqual({ a: { b: "1" }, l: [null, null, "x"], tags: ["a", 2], cfg: "k: v\n", typed: 3 });
  });
});
