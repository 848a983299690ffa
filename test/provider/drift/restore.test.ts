import { restoreOptions } from "../../../provider/drift/restore";

const objectDrift = [{ apiVersion: "v1", kind: "ConfigMap", namespace: "ns", name: "c", fields: [{ path: "/data/a", expected: "1", live: "2" }] }];

describe("restoreOptions", () => {
  it("helm 4 server-side upgrades of drifted objects take the fields back (--force-conflicts)", () => {
    expect(restoreOptions({ major: 4, options: {}, objectDrift, applyMethod: "ssa" })).toEqual({ forceConflicts: true });
    expect(restoreOptions({ major: 4, options: { serverSide: "true" }, objectDrift, applyMethod: "csa" })).toEqual({ forceConflicts: true });
  });
  it("nothing for helm 3 and client-side upgrades (their three-way merge restores), no drift, warn mode, or force", () => {
    expect(restoreOptions({ major: 3, options: {}, objectDrift })).toEqual({});
    expect(restoreOptions({ major: 4, options: {}, objectDrift, applyMethod: "csa" })).toEqual({});
    expect(restoreOptions({ major: 4, options: { serverSide: "false" }, objectDrift, applyMethod: "ssa" })).toEqual({});
    expect(restoreOptions({ major: 4, options: {}, objectDrift: [], applyMethod: "ssa" })).toEqual({});
    expect(restoreOptions({ major: 4, options: {}, objectDrift, applyMethod: "ssa", driftDetection: { mode: "warn" } })).toEqual({});
    expect(restoreOptions({ major: 4, options: { force: true }, objectDrift, applyMethod: "ssa" })).toEqual({});
  });
});
