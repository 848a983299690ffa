import { check, diff, STATE_KEYS, update } from "../../../provider/release/handlers";
import { refreshedInputs } from "../../../provider/release/drift";


const base = { name: "web", namespace: "ns", chart: "oci://r/web", version: "0.1.0", owner: { organization: "o", project: "p", stack: "s", resource: "web" } };
const deployed = { ...base, status: "deployed", revision: 1, appliedRevision: 1, drift: "" };

describe("diff", () => {
  it("no change when only output keys differ", async () => {
    expect((await diff("id", { ...deployed, revision: 1 }, base)).changes).toBe(false);
  });
  it("adopt only matters at create: changing it is no update", async () => {
    expect((await diff("id", { ...deployed, adopt: true }, { ...base, adopt: false })).changes).toBe(false);
    expect((await diff("id", deployed, { ...base, adopt: "o/p/other" })).changes).toBe(false);
  });
  it("a new owner (e.g. a state from before owners were recorded) is an update, which records it", async () => {
    const { owner: _o, ...legacy } = deployed;
    expect(await diff("id", legacy, base)).toMatchObject({ changes: true, replaces: [] });
  });
  it("a changed Secret's data digest is an update", async () => {
    expect((await diff("id", { ...deployed, secretDigests: { k: "a" } }, { ...base, secretDigests: { k: "b" } })).changes).toBe(true);
  });
  it("a dependency added, or its version or alias changed, is an update (and so is the chart digest it changes)", async () => {
    const deps = [{ chart: "oci://r/charts/redis", version: "1.0.0", alias: "cache" }];
    const withDeps = { ...deployed, dependencies: deps, chartDigest: "a" };
    expect((await diff("id", deployed, { ...base, dependencies: deps })).changes).toBe(true);
    expect((await diff("id", withDeps, { ...base, dependencies: deps, chartDigest: "a" })).changes).toBe(false);
    expect((await diff("id", withDeps, { ...base, dependencies: [{ ...deps[0], version: "1.0.1" }], chartDigest: "b" })).changes).toBe(true);
    expect((await diff("id", withDeps, { ...base, dependencies: [{ ...deps[0], alias: "redis" }], chartDigest: "a" })).changes).toBe(true);
  });
  it("drift converges", async () => {
    expect((await diff("id", { ...deployed, drift: "changed outside Pulumi: now owned by …" }, base)).changes).toBe(true);
  });
  it("name, namespace, kubeContext replace; only a new kubeContext deletes first (it may name the same cluster)", async () => {
    expect(await diff("id", deployed, { ...base, namespace: "other" })).toMatchObject({ replaces: ["namespace"], deleteBeforeReplace: false });
    expect(await diff("id", deployed, { ...base, kubeContext: "renamed" })).toMatchObject({ replaces: ["kubeContext"], deleteBeforeReplace: true });
  });
});

describe("check", () => {
  it("refuses user labels under the owner prefix", async () => {
    const { failures } = await check({}, { ...base, labels: { "pulumi-helmfile/stack": "x" } });
    expect(failures).toEqual([{ property: "labels", reason: expect.stringContaining("record the release's owner") }]);
  });
  it("refuses an incomplete owner", async () => {
    const { failures } = await check({}, { ...base, owner: { organization: "o", project: "p", stack: "", resource: "r" } });
    expect(failures).toEqual([{ property: "owner", reason: "owner.stack is required" }]);
  });
  it("accepts valid inputs", async () => expect((await check({}, base)).failures).toEqual([]));
  it.each([["args", ["--kube-context", "other"]], ["syncArgs", ["--namespace=x"]], ["args", ["-nx"]], ["syncArgs", ["--kubeconfig", "/k"]]])(
    "refuses %s %j that point helm elsewhere than the ownership checks and refresh look",
    async (k, v) => {
      const { failures } = await check({}, { ...base, [k]: v });
      expect(failures).toEqual([{ property: k, reason: expect.stringContaining(`'${v[0]}' points helm at another cluster or namespace`) }]);
    },
  );
  it("accepts other extra args", async () => expect((await check({}, { ...base, args: ["--description", "x"], syncArgs: ["--no-hooks"] })).failures).toEqual([]));
  it("refuses a malformed patch, naming it", async () => {
    const { failures } = await check({}, { ...base, jsonPatches: [{ target: { kind: "A" }, patch: [] }] });
    expect(failures).toEqual([{ property: "jsonPatches", reason: expect.stringContaining("jsonPatches[0].patch") }]);
  });
  it("refuses a dependency without a version (helm refuses an empty constraint)", async () => {
    const { failures } = await check({}, { ...base, dependencies: [{ chart: "oci://r/charts/redis" }] });
    expect(failures).toEqual([{ property: "dependencies", reason: expect.stringContaining("dependencies[0] (oci://r/charts/redis): a version or constraint is required") }]);
  });
});

describe("drift detection settings", () => {
  it("a changed driftDetection is an update that runs no helm (the provider only reads it on refresh)", async () => {
    const news = { ...base, driftDetection: { mode: "warn" as const } };
    expect((await diff("id", deployed, news)).changes).toBe(true);
    const { outs } = await update("id", deployed as never, news as never);
    expect(outs).toEqual({ ...deployed, driftDetection: { mode: "warn" } });
  });
  it("check names bad driftDetection settings", async () => {
    const { failures } = await check({}, { ...base, driftDetection: { mode: "sometimes" } });
    expect(failures).toEqual([{ property: "driftDetection", reason: "driftDetection.mode must be \"enabled\", \"warn\" or \"disabled\", not 'sometimes'" }]);
  });
});

describe("refreshedInputs", () => {
  const objectDrift = [{ apiVersion: "v1", kind: "ConfigMap", namespace: "ns", name: "c", fields: [{ path: "/data/a", expected: "1", live: "2" }] }];
  const outs = { ...deployed, __provider: "code", rendered: { "v1/ConfigMap/ns/c": { data: { a: "1" } } }, drift: "changed outside Pulumi: objects: …", objectDrift, chartName: "web" };
  it("echoes the inputs with the drift words and the rendered summary as the cluster has it", () => {
    expect(refreshedInputs(outs as never, STATE_KEYS)).toEqual({ ...base, __provider: "code", drift: outs.drift, rendered: { "v1/ConfigMap/ns/c": { data: { a: "2" } } } });
  });
  it("in warn mode, keeps the rendered summary", () => {
    expect(refreshedInputs({ ...outs, drift: "", driftDetection: { mode: "warn" } } as never, STATE_KEYS).rendered).toEqual(outs.rendered);
  });
});
