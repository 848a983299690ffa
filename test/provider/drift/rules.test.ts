import { driftProblems, hpaRules, pointerCovers, pointerOf, pointerSegments, targetMatches } from "../../../provider/drift/rules";

const web = { apiVersion: "apps/v1", kind: "Deployment", namespace: "ns", name: "web-1", labels: { app: "web" } };

describe("driftProblems", () => {
  it("accepts valid settings and no settings", () => {
    expect(driftProblems(undefined)).toEqual([]);
    expect(driftProblems({ mode: "warn", ignore: [{ paths: ["/spec/replicas", ""], target: { kind: "Deployment", labels: { app: "web" } } }] })).toEqual([]);
  });
  it("names each bad key, mode, pointer and regular expression", () => {
    const reasons = driftProblems({ mode: "on", extra: 1, ignore: [{ paths: ["spec/replicas"], target: { kind: "(", colour: "x" } }, { paths: [] }, "x"] }).map((p) => p.reason);
    expect(reasons).toEqual([
      "driftDetection.extra: unknown key (mode, ignore)",
      "driftDetection.mode must be \"enabled\", \"warn\" or \"disabled\", not 'on'",
      "driftDetection.ignore[0].paths[0]: 'spec/replicas' is not a JSON pointer (it starts with '/', or is \"\" for the whole object)",
      expect.stringMatching(/^driftDetection.ignore\[0\].target.kind: '\(' is not a regular expression/),
      "driftDetection.ignore[0].target.colour: unknown key (group, version, kind, name, namespace, labels)",
      "driftDetection.ignore[1].paths: a non-empty list of JSON pointers is required",
      "driftDetection.ignore[2] is an object: { paths, target? }",
    ]);
    expect(driftProblems({ mode: "on" })[0].property).toBe("driftDetection");
  });
});

describe("targetMatches", () => {
  it("matches group, version, kind, name and namespace as anchored regular expressions, labels exactly", () => {
    expect(targetMatches(undefined, web)).toBe(true);
    expect(targetMatches({ group: "apps", version: "v1", kind: "Deployment", name: "web-.*", namespace: "ns" }, web)).toBe(true);
    expect(targetMatches({ name: "web" }, web)).toBe(false);
    expect(targetMatches({ group: "" }, { ...web, apiVersion: "v1" })).toBe(true);
    expect(targetMatches({ labels: { app: "web" } }, web)).toBe(true);
    expect(targetMatches({ labels: { app: "api" } }, web)).toBe(false);
  });
});

describe("pointers", () => {
  it("round-trips escaped segments and matches ancestors and * segments", () => {
    expect(pointerSegments("/metadata/annotations/a~1b~0c")).toEqual(["metadata", "annotations", "a/b~c"]);
    expect(pointerOf(["metadata", "annotations", "a/b~c"])).toBe("/metadata/annotations/a~1b~0c");
    expect(pointerSegments("")).toEqual([]);
    expect(pointerCovers(["spec"], ["spec", "replicas"])).toBe(true);
    expect(pointerCovers(["spec", "*", "image"], ["spec", "0", "image"])).toBe(true);
    expect(pointerCovers(["spec", "replicas"], ["spec"])).toBe(false);
  });
});

describe("hpaRules", () => {
  it("ignores the replicas of each HPA's scale target, names matched literally", () => {
    const rules = hpaRules([{ kind: "HorizontalPodAutoscaler", namespace: "ns", body: { spec: { scaleTargetRef: { kind: "Deployment", name: "web.1" } } } }]);
    expect(rules).toEqual([{ paths: ["/spec/replicas"], target: { kind: "Deployment", name: "web\\.1", namespace: "ns" } }]);
    expect(targetMatches(rules[0].target, { ...web, name: "web.1" })).toBe(true);
    expect(targetMatches(rules[0].target, { ...web, name: "webx1" })).toBe(false);
  });
});
