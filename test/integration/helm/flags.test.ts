/**
 * Every install option the driver maps to a helm flag (flags.ts), with helm v4 and helm v3: each one is accepted by
 * that helm and has its effect in the cluster. These are the options whose flag names differ between helm 3 and 4
 * (wait, atomic, force, server-side) or that only exist in recent helm versions.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseAllDocuments } from "yaml";
import { HelmError } from "../../../provider/helm/errors";
import { kubeGet, kubeRequest, waitFor } from "../../harness/kube";
import { tempDir, testbed } from "../../harness/testbed";
import { helmBinaries } from "../../harness/tools";
import { driverTestScope, newDriver, privateTempRoot, probeChart, probeValues, ProcessWatch, rejection } from "./helpers";

beforeAll(() => privateTempRoot("flags"));

describe.each(helmBinaries())("helm driver install options with helm v$major", ({ major, path: bin }) => {
  const scope = driverTestScope(major);
  const target = scope.target;
  const namespace = async (what: string) => {
    const n = scope.namespace(what);
    await kubeRequest(testbed().cluster, "POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: n } });
    return n;
  };

  test("dryRun client and server: the manifest is rendered, nothing is installed", async () => {
    const { cluster } = testbed();
    const helm = newDriver(bin);
    const n = await namespace("dry-run");
    for (const dryRun of ["client", "server"] as const) {
      const out = await helm.upgradeInstall({ ...target(), name: "dry", namespace: n, chartPath: probeChart, values: [{ greeting: `dry-${dryRun}` }], dryRun });
      expect(out.manifest).toContain(`greeting: "dry-${dryRun}"`);
    }
    expect(await helm.getMetadata({ ...target(), name: "dry", namespace: n })).toBeUndefined();
    expect(await probeValues(cluster, n, "dry")).toBeUndefined();
  });

  test("reuseValues keeps the previous revision's values under the new ones; the default resets them", async () => {
    const helm = newDriver(bin);
    const n = await namespace("reuse");
    const ref = { ...target(), name: "re", namespace: n };
    await helm.upgradeInstall({ ...ref, chartPath: probeChart, values: [{ greeting: "kept", a: 1 }] });
    await helm.upgradeInstall({ ...ref, chartPath: probeChart, values: [{ b: 2 }], reuseValues: true });
    expect(await helm.getValues(ref)).toEqual({ greeting: "kept", a: 1, b: 2 });
    await helm.upgradeInstall({ ...ref, chartPath: probeChart, values: [{ c: 3 }] });
    expect(await helm.getValues(ref)).toEqual({ c: 3 });
    expect(await probeValues(testbed().cluster, n, "re")).toMatchObject({ greeting: "hello", c: 3 });
  });

  test("disableHooks skips the chart's hooks (install and template); by default they run", async () => {
    const { cluster } = testbed();
    const helm = newDriver(bin);
    const n = await namespace("hooks");
    await helm.upgradeInstall({ ...target(), name: "nohook", namespace: n, chartPath: probeChart, values: [{ hook: true }], disableHooks: true });
    expect(await probeValues(cluster, n, "nohook")).toBeDefined();
    expect(await kubeGet(cluster, `/api/v1/namespaces/${n}/configmaps/nohook-hook`)).toBeUndefined();
    await helm.upgradeInstall({ ...target(), name: "hooked", namespace: n, chartPath: probeChart, values: [{ hook: true }] });
    expect(await kubeGet<{ data: Record<string, string> }>(cluster, `/api/v1/namespaces/${n}/configmaps/hooked-hook`)).toMatchObject({ data: { revision: "1" } });

    const kinds = async (disableHooks: boolean) =>
      parseAllDocuments(await helm.template({ releaseName: "t", namespace: n, chartPath: probeChart, values: [{ hook: true }], disableHooks }))
        .map((d) => (d.toJS() as { metadata?: { name: string } } | null)?.metadata?.name)
        .filter(Boolean)
        .sort();
    expect(await kinds(false)).toEqual(["t-hook", "t-probe"]);
    expect(await kinds(true)).toEqual(["t-probe"]);
  });

  test("template: kubeVersion and apiVersions reach .Capabilities", async () => {
    const helm = newDriver(bin);
    const render = async (o: { kubeVersion?: string; apiVersions?: string[] }) => {
      const out = await helm.template({ releaseName: "cap", namespace: "default", chartPath: probeChart, ...o });
      return (parseAllDocuments(out)[0].toJS() as { data: Record<string, string> }).data;
    };
    expect(await render({ kubeVersion: "1.29.7", apiVersions: ["example.com/v1"] })).toMatchObject({ kubeVersion: "v1.29.7", hasExampleApi: "true" });
    expect(await render({})).toMatchObject({ hasExampleApi: "false" });
  });

  test("skipSchemaValidation: values the chart's schema rejects fail with the schema's reason, and install when validation is skipped", async () => {
    const { cluster } = testbed();
    const helm = newDriver(bin);
    const n = await namespace("schema");
    const err = await rejection(helm.upgradeInstall({ ...target(), name: "sch", namespace: n, chartPath: probeChart, values: [{ greeting: 42 }] }));
    expect(err).toBeInstanceOf(HelmError);
    expect(err.message).toMatch(/schema/i);
    expect(err.message).toMatch(/greeting/);
    await helm.upgradeInstall({ ...target(), name: "sch", namespace: n, chartPath: probeChart, values: [{ greeting: 42 }], skipSchemaValidation: true });
    expect(await probeValues(cluster, n, "sch")).toMatchObject({ greeting: 42 });
    const tpl = await helm.template({ releaseName: "sch", namespace: n, chartPath: probeChart, values: [{ greeting: 42 }], skipSchemaValidation: true });
    expect(tpl).toContain('greeting: "42"');
  });

  test("takeOwnership adopts an object that exists outside helm; without it the install says the object exists", async () => {
    const { cluster } = testbed();
    const helm = newDriver(bin);
    const n = await namespace("adopt");
    await kubeRequest(cluster, "POST", `/api/v1/namespaces/${n}/configmaps`, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "own-probe" }, data: { greeting: "manual" } });
    const err = await rejection(helm.upgradeInstall({ ...target(), name: "own", namespace: n, chartPath: probeChart }));
    expect(err.message).toMatch(/ConfigMap "own-probe"/);
    expect(err.message).toMatch(/exists|ownership|conflict/i);
    await helm.upgradeInstall({ ...target(), name: "own", namespace: n, chartPath: probeChart, takeOwnership: true, values: [{ greeting: "adopted" }] });
    const cm = await kubeGet<{ metadata: { annotations?: Record<string, string> }; data: Record<string, string> }>(cluster, `/api/v1/namespaces/${n}/configmaps/own-probe`);
    expect(cm?.data.greeting).toBe("adopted");
    expect(cm?.metadata.annotations?.["meta.helm.sh/release-name"]).toBe("own");
  });

  test("force (helm 3 --force, helm 4 --force-replace) replaces objects, dropping fields set outside helm; rollback with force too", async () => {
    const { cluster } = testbed();
    const helm = newDriver(bin);
    const n = await namespace("force");
    const ref = { ...target(), name: "frc", namespace: n };
    const cmPath = `/api/v1/namespaces/${n}/configmaps/frc-probe`;
    /** Someone edits the object outside helm: adds a data key. */
    const editOutsideHelm = async () => {
      const cm = await kubeGet<{ data: Record<string, string> }>(cluster, cmPath);
      await kubeRequest(cluster, "PUT", cmPath, { ...cm, data: { ...cm!.data, manual: "added-by-hand" } });
    };
    type Cm = { data: Record<string, string> };
    await helm.upgradeInstall({ ...ref, chartPath: probeChart, values: [{ greeting: "one" }] });
    await editOutsideHelm();
    // A normal upgrade (helm 3: 3-way merge patch; helm 4: server-side apply) leaves the foreign field alone...
    await helm.upgradeInstall({ ...ref, chartPath: probeChart, values: [{ greeting: "two" }] });
    expect((await kubeGet<Cm>(cluster, cmPath))?.data).toMatchObject({ greeting: "two", manual: "added-by-hand" });
    // ...a forced one replaces the object with the chart's version.
    const watch = new ProcessWatch(bin);
    try {
      await helm.upgradeInstall({ ...ref, chartPath: probeChart, values: [{ greeting: "three" }], force: true });
    } finally {
      watch.stop();
    }
    expect(watch.helmCommands().filter((c) => c.includes("upgrade --install frc")).some((c) => c.includes(major === 4 ? "--force-replace" : "--force"))).toBe(true);
    const forced = await kubeGet<Cm>(cluster, cmPath);
    expect(forced?.data.greeting).toBe("three");
    expect(forced?.data.manual).toBeUndefined();
    expect(await helm.getMetadata(ref)).toMatchObject({ revision: 3, status: "deployed" });

    await editOutsideHelm();
    await helm.rollback({ ...ref, revision: 1, force: true });
    const rolled = await kubeGet<Cm>(cluster, cmPath);
    expect(rolled?.data.greeting).toBe("one");
    expect(rolled?.data.manual).toBeUndefined();
    expect(await helm.getMetadata(ref)).toMatchObject({ revision: 4, status: "deployed" });
    // And the release keeps upgrading normally afterwards.
    await helm.upgradeInstall({ ...ref, chartPath: probeChart, values: [{ greeting: "five" }] });
    expect((await kubeGet<Cm>(cluster, cmPath))?.data.greeting).toBe("five");
  });

  test("cleanupOnFail with wait: objects new in a failed upgrade are deleted", async () => {
    const { cluster } = testbed();
    const helm = newDriver(bin);
    const n = await namespace("cleanup");
    const ref = { ...target(), name: "cof", namespace: n };
    await helm.upgradeInstall({ ...ref, chartPath: probeChart });
    const err = await rejection(
      helm.upgradeInstall({ ...ref, chartPath: probeChart, wait: true, timeout: 4, cleanupOnFail: true, values: [{ deployment: { enabled: true, nodeSelector: { "helm-driver-test/none": "x" } } }] }),
    );
    expect(err).toBeInstanceOf(HelmError);
    await waitFor("the failed upgrade's Deployment to be cleaned up", async () => (await kubeGet(cluster, `/apis/apps/v1/namespaces/${n}/deployments/cof`)) === undefined, 30_000);
    expect(await helm.getMetadata(ref)).toMatchObject({ revision: 2, status: "failed" });
    expect(await probeValues(cluster, n, "cof")).toBeDefined(); // the object both revisions have stays
  });

  test("serverSide (helm 4: --server-side; helm 3 applies client-side only: \"true\" is refused before helm runs) and the apply method helm records", async () => {
    const helm = newDriver(bin);
    const n = await namespace("ssa");
    await helm.upgradeInstall({ ...target(), name: "csa", namespace: n, chartPath: probeChart, serverSide: "false" });
    if (major === 3) {
      await expect(helm.upgradeInstall({ ...target(), name: "ssa", namespace: n, chartPath: probeChart, serverSide: "true" })).rejects.toThrow(/serverSide: "true" needs helm 4/);
      expect(await helm.getMetadata({ ...target(), name: "ssa", namespace: n })).toBeUndefined();
    }
    await helm.upgradeInstall({ ...target(), name: "ssa", namespace: n, chartPath: probeChart, serverSide: major === 4 ? "true" : "auto" });
    const csa = (await helm.getMetadata({ ...target(), name: "csa", namespace: n })) as unknown as Record<string, unknown>;
    const ssa = (await helm.getMetadata({ ...target(), name: "ssa", namespace: n })) as unknown as Record<string, unknown>;
    expect(csa.status).toBe("deployed");
    expect(ssa.status).toBe("deployed");
    if (major === 4) {
      expect([csa.applyMethod, ssa.applyMethod]).toEqual(["csa", "ssa"]);
    } else {
      expect([csa.applyMethod, ssa.applyMethod]).toEqual([undefined, undefined]); // helm 3 only applies client-side
    }
  });

  test("postRenderer with args (helm 3: an executable's path; helm 4: a postrenderer plugin's name) rewrites install and template output", async () => {
    const { cluster } = testbed();
    const dir = tempDir(`helm-postrender-v${major}`);
    const script = path.join(dir, "render.sh");
    // Replaces the marker with the first argument and counts its runs (so we know helm really called it).
    fs.writeFileSync(script, `#!/bin/sh\necho run >> "${path.join(dir, "runs")}"\nexec sed "s/__MARKER__/$1/g"\n`, { mode: 0o755 });
    let postRenderer = script;
    let env: Record<string, string> | undefined;
    if (major === 4) {
      const plugin = path.join(dir, "plugins", "marker-renderer");
      fs.mkdirSync(plugin, { recursive: true });
      fs.writeFileSync(
        path.join(plugin, "plugin.yaml"),
        ["apiVersion: v1", "type: postrenderer/v1", "name: marker-renderer", "version: 0.1.0", "runtime: subprocess", "runtimeConfig:", "  platformCommand:", `    - command: ${script}`, ""].join("\n"),
      );
      postRenderer = "marker-renderer";
      env = { HELM_PLUGINS: path.join(dir, "plugins") };
    }
    const helm = newDriver(bin, { env });
    const n = await namespace("postrender");
    await helm.upgradeInstall({ ...target(), name: "pr", namespace: n, chartPath: probeChart, values: [{ greeting: "__MARKER__" }], postRenderer, postRendererArgs: ["rewritten"] });
    const cm = await kubeGet<{ data: Record<string, string> }>(cluster, `/api/v1/namespaces/${n}/configmaps/pr-probe`);
    expect(cm?.data.greeting).toBe("rewritten");
    const out = await helm.template({ releaseName: "pr", namespace: n, chartPath: probeChart, values: [{ greeting: "__MARKER__" }], postRenderer, postRendererArgs: ["templated"] });
    expect(out).toContain('greeting: "templated"');
    expect(out).not.toContain("__MARKER__");
    expect(fs.readFileSync(path.join(dir, "runs"), "utf8").trim().split("\n").length).toBeGreaterThanOrEqual(2);
  });

  test("waitForJobs and a kubeContext by name; a kubeContext that does not exist is an error naming it (never 'missing')", async () => {
    const { cluster } = testbed();
    const helm = newDriver(bin);
    const n = await namespace("context");
    const ref = { ...target(), kubeContext: cluster.context, name: "ctx", namespace: n };
    await helm.upgradeInstall({ ...ref, chartPath: probeChart, waitForJobs: true, timeout: 60 });
    expect(await helm.getMetadata(ref)).toMatchObject({ status: "deployed" });
    const bad = { ...target(), kubeContext: "no-such-context", name: "ctx", namespace: n };
    // Thunks, not promises: each call starts when it is awaited, so no rejection is left unhandled meanwhile.
    const calls: (() => Promise<unknown>)[] = [() => helm.getMetadata(bad), () => helm.getValues(bad), () => helm.history(bad), () => helm.uninstall(bad), () => helm.list(bad)];
    for (const call of calls) {
      const err = await rejection(call());
      expect(err).toBeInstanceOf(HelmError);
      expect(err.message).toContain("no-such-context");
    }
    // The release is untouched by those failed calls.
    expect(await helm.getMetadata(ref)).toMatchObject({ status: "deployed", revision: 1 });
    expect(fs.existsSync(cluster.kubeconfig)).toBe(true);
  });
});
