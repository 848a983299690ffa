/**
 * The helm driver's release operations against the real testbed cluster, with helm v4 and helm v3:
 * upgradeInstall, template, getMetadata, getManifest, getValues, history, rollback, list, uninstall.
 * Effects are checked through the Kubernetes API (objects, helm's release Secrets), not through the driver alone.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseAllDocuments } from "yaml";
import { HelmError } from "../../../provider/helm/errors";
import { processCounts, totalProcesses } from "../../../provider/helm/run";
import { deploymentReady } from "../../harness/cluster";
import { fixtureChart } from "../../harness/charts";
import { kubeGet } from "../../harness/kube";
import { tempDir, testbed } from "../../harness/testbed";
import { helmBinaries } from "../../harness/tools";
import { driverTestScope, newDriver, ns, privateTempRoot, probeChart, probeValues, rejection, releaseSecrets } from "./helpers";

beforeAll(() => privateTempRoot("release"));

describe.each(helmBinaries())("helm driver release operations with helm v$major", ({ major, path: bin }) => {
  const { target, namespace } = driverTestScope(major);

  test("install: values objects in order (later wins), set with nested keys, list indexes and typing, setString; read back through the API and the driver", async () => {
    const { cluster } = testbed();
    const helm = newDriver(bin);
    const n = namespace("install");
    // A values file on disk comes first: `values` objects override it.
    const valuesFile = path.join(tempDir("helm-values"), "base.yaml");
    fs.writeFileSync(valuesFile, "greeting: from-file\nfromFile: yes-file\nnested:\n  over: from-file\n");
    const installed = await helm.upgradeInstall({
      ...target(),
      name: "rel",
      namespace: n,
      chartPath: probeChart,
      createNamespace: true,
      valuesFiles: [valuesFile],
      values: [{ greeting: "first", nested: { keep: "k", over: "from-values-1" }, onlyFirst: 1 }, { greeting: "second", nested: { over: "from-values-2" } }],
      set: [
        { name: "nested.deep.flag", value: "true" },
        { name: "nested.deep.port", value: "8080" },
        { name: "items[1].name", value: "second-item" },
        { name: "annotations.app\\.kubernetes\\.io/part-of", value: "suite" },
        { name: "list", values: ["a", "2"] },
      ],
      setString: [{ name: "nested.deep.version", value: "8080" }, { name: "nested.deep.enabled", value: "true" }],
    });
    expect(installed.notes).toContain("probe rel says second");
    expect(installed).toMatchObject({ name: "rel", namespace: n, revision: 1, status: "deployed" });
    expect(installed.manifest).toContain("kind: ConfigMap");

    // What the chart saw, as the API holds it.
    const seen = await probeValues(cluster, n, "rel");
    expect(seen).toMatchObject({
      greeting: "second",
      onlyFirst: 1,
      fromFile: "yes-file",
      nested: { keep: "k", over: "from-values-2", deep: { flag: true, port: 8080, version: "8080", enabled: "true" } },
      items: [null, { name: "second-item" }],
      annotations: { "app.kubernetes.io/part-of": "suite" },
      list: ["a", 2],
    });
    const cm = await kubeGet<{ data: Record<string, string> }>(cluster, `/api/v1/namespaces/${n}/configmaps/rel-probe`);
    expect(cm?.data.greeting).toBe("second");
    expect(await kubeGet(cluster, `/api/v1/namespaces/${n}`)).toBeDefined(); // createNamespace

    // The driver's read operations agree; each is exactly one helm process (getMetadata: two on helm 3, whose
    // `get metadata` has no labels: `get all --template` reads them).
    const before = { total: totalProcesses(), get: processCounts.get("getMetadata") ?? 0 };
    const meta = await helm.getMetadata({ ...target(), name: "rel", namespace: n });
    const metaProcesses = major === 3 ? 2 : 1;
    expect(totalProcesses()).toBe(before.total + metaProcesses);
    expect(processCounts.get("getMetadata")).toBe(before.get + metaProcesses);
    expect(meta).toMatchObject({ name: "rel", namespace: n, status: "deployed", revision: 1, chart: "probe", version: "0.3.0", appVersion: "2.5.0" });
    const values = await helm.getValues({ ...target(), name: "rel", namespace: n });
    expect(values).toEqual({
      greeting: "second",
      onlyFirst: 1,
      fromFile: "yes-file",
      nested: { keep: "k", over: "from-values-2", deep: { flag: true, port: 8080, version: "8080", enabled: "true" } },
      items: [null, { name: "second-item" }],
      annotations: { "app.kubernetes.io/part-of": "suite" },
      list: ["a", 2],
    });
    const all = await helm.getValues({ ...target(), name: "rel", namespace: n, all: true });
    expect(all).toMatchObject({ greeting: "second", label: "", deployment: { enabled: false, replicas: 1 } });
    const manifest = await helm.getManifest({ ...target(), name: "rel", namespace: n });
    const docs = parseAllDocuments(manifest ?? "").map((d) => d.toJS() as { kind: string; metadata: { name: string }; data?: Record<string, string> }).filter(Boolean);
    expect(docs.map((d) => `${d.kind}/${d.metadata.name}`)).toEqual(["ConfigMap/rel-probe"]);
    expect(docs[0].data?.greeting).toBe("second");
    const listed = await helm.list({ ...target(), namespace: n });
    expect(listed).toEqual([expect.objectContaining({ name: "rel", namespace: n, revision: "1", status: "deployed", chart: "probe-0.3.0", app_version: "2.5.0" })]);
    const everywhere = await helm.list({ ...target() });
    expect(everywhere.filter((r) => r.namespace === n).map((r) => r.name)).toEqual(["rel"]);
    expect((await helm.list({ ...target(), filter: "^re" })).filter((r) => r.namespace === n).map((r) => r.name)).toEqual(["rel"]);
    expect((await helm.list({ ...target(), namespace: n, filter: "^nomatch$" }))).toEqual([]);
  });

  test("upgrade with changed values → revision 2; description, labels and history; rollback to revision 1 brings the values back; historyMax prunes", async () => {
    const { cluster } = testbed();
    const helm = newDriver(bin);
    const n = namespace("upgrade");
    const ref = { ...target(), name: "app", namespace: n };
    await helm.upgradeInstall({ ...ref, chartPath: probeChart, createNamespace: true, values: [{ greeting: "one" }], description: "first install", labels: { team: "platform", tier: "gold" } });
    await helm.upgradeInstall({ ...ref, chartPath: probeChart, values: [{ greeting: "two" }], description: "second upgrade" });
    expect(await probeValues(cluster, n, "app")).toMatchObject({ greeting: "two" });
    expect(await helm.getMetadata(ref)).toMatchObject({ revision: 2, status: "deployed" });
    expect(await helm.getValues(ref)).toEqual({ greeting: "two" });
    expect(await helm.getValues({ ...ref, revision: 1 })).toEqual({ greeting: "one" });
    expect(await helm.getManifest({ ...ref, revision: 1 })).toContain('greeting: "one"');

    const history = await helm.history(ref);
    expect(history?.map((h) => [h.revision, h.status, h.description, h.chart, h.app_version])).toEqual([
      [1, "superseded", "first install", "probe-0.3.0", "2.5.0"],
      [2, "deployed", "second upgrade", "probe-0.3.0", "2.5.0"],
    ]);
    // Labels are release metadata: helm stores them on its release Secret (seen through the API).
    const secrets = await releaseSecrets(cluster, n, "app");
    expect(secrets.map((s) => s.name)).toEqual(["sh.helm.release.v1.app.v1", "sh.helm.release.v1.app.v2"]);
    expect(secrets[0].labels).toMatchObject({ team: "platform", tier: "gold" });

    await helm.rollback({ ...ref, revision: 1, wait: true, timeout: 60 });
    expect(await probeValues(cluster, n, "app")).toMatchObject({ greeting: "one" });
    expect(await helm.getMetadata(ref)).toMatchObject({ revision: 3, status: "deployed" });
    expect(await helm.getValues(ref)).toEqual({ greeting: "one" });
    expect((await helm.history(ref))?.map((h) => [h.revision, h.status])).toEqual([
      [1, "superseded"],
      [2, "superseded"],
      [3, "deployed"],
    ]);
    expect((await helm.history({ ...ref, max: 1 }))?.map((h) => h.revision)).toEqual([3]);

    // historyMax: the upgrade keeps only the newest 2 revisions, in helm's storage as in the history.
    await helm.upgradeInstall({ ...ref, chartPath: probeChart, values: [{ greeting: "four" }], historyMax: 2 });
    expect((await helm.history(ref))?.map((h) => [h.revision, h.status])).toEqual([
      [3, "superseded"],
      [4, "deployed"],
    ]);
    expect((await releaseSecrets(cluster, n, "app")).map((s) => s.name)).toEqual(["sh.helm.release.v1.app.v3", "sh.helm.release.v1.app.v4"]);

    // rollback without a revision goes to the previous one (3, whose values were revision 1's).
    await helm.rollback(ref);
    expect(await helm.getMetadata(ref)).toMatchObject({ revision: 5, status: "deployed" });
    expect(await probeValues(cluster, n, "app")).toMatchObject({ greeting: "one" });
    // A revision helm no longer keeps, and a release that does not exist: errors that say so.
    const pruned = await rejection(helm.rollback({ ...ref, revision: 1 }));
    expect(pruned).toBeInstanceOf(HelmError);
    expect(pruned).toMatchObject({ operation: "rollback" });
    expect(pruned.message).toMatch(/has no 1 version|not found/i); // helm: "release has no 1 version"
    const missing = await rejection(helm.rollback({ ...ref, name: "no-such-release" }));
    expect(missing.message).toMatch(/not found|no revision/i);
  });

  test("createNamespace + wait: returns only once the Deployment is Ready", async () => {
    const { cluster } = testbed();
    const helm = newDriver(bin);
    const n = namespace("wait");
    expect(await kubeGet(cluster, `/api/v1/namespaces/${n}`)).toBeUndefined();
    await helm.upgradeInstall({
      ...target(),
      name: "web",
      namespace: n,
      chartPath: fixtureChart("web"),
      createNamespace: true,
      wait: true,
      timeout: 90,
      set: [{ name: "deployment.enabled", value: "true" }, { name: "deployment.replicas", value: "2" }],
    });
    // No polling: --wait means it is Ready when the call returns.
    expect(await deploymentReady(cluster, n, "web")).toBe(true);
    const d = await kubeGet<{ spec: { replicas: number } }>(cluster, `/apis/apps/v1/namespaces/${n}/deployments/web`);
    expect(d?.spec.replicas).toBe(2);
    expect(await helm.getMetadata({ ...target(), name: "web", namespace: n })).toMatchObject({ status: "deployed", chart: "web", version: "0.1.0", appVersion: "1.0.0" });
  });

  test("template renders the values without touching the cluster", async () => {
    const { cluster } = testbed();
    const helm = newDriver(bin);
    const out = await helm.template({
      releaseName: "tpl",
      namespace: ns(major, "template"),
      chartPath: probeChart,
      values: [{ greeting: "rendered", deployment: { enabled: true, nodeSelector: { disk: "ssd" } } }],
      set: [{ name: "deployment.replicas", value: "3" }],
    });
    const docs = parseAllDocuments(out).map((d) => d.toJS() as Record<string, any>).filter(Boolean);
    expect(docs.map((d) => `${d.kind}/${d.metadata.name}`).sort()).toEqual(["ConfigMap/tpl-probe", "Deployment/tpl"]);
    const dep = docs.find((d) => d.kind === "Deployment")!;
    expect(dep.spec.replicas).toBe(3);
    expect(dep.spec.template.spec.nodeSelector).toEqual({ disk: "ssd" });
    expect(docs.find((d) => d.kind === "ConfigMap")!.data.greeting).toBe("rendered");
    expect(await kubeGet(cluster, `/api/v1/namespaces/${ns(major, "template")}`)).toBeUndefined();
    // Known difference (set-values.ts): a `set` integer arrives as a values-file number (float64), so a template
    // printing it raw shows helm's float formatting; helm's own --set would print 1000000.
    const big = await helm.template({ releaseName: "big", namespace: "default", chartPath: probeChart, set: [{ name: "deployment.enabled", value: "true" }, { name: "deployment.replicas", value: "1000000" }] });
    expect(big).toContain("replicas: 1e+06");
    const err = await rejection(helm.template({ releaseName: "x", namespace: "default", chartPath: "/nonexistent/charts/nowhere" }));
    expect(err).toBeInstanceOf(HelmError);
    expect(err.message).toContain("/nonexistent/charts/nowhere");
  });

  test("uninstall removes the objects; missing releases: uninstall → false, getMetadata/getManifest/getValues/history → undefined", async () => {
    const { cluster } = testbed();
    const helm = newDriver(bin);
    const n = namespace("uninstall");
    const ref = { ...target(), name: "gone", namespace: n };
    await helm.upgradeInstall({ ...ref, chartPath: probeChart, createNamespace: true });
    expect(await probeValues(cluster, n, "gone")).toBeDefined();
    expect(await helm.getValues(ref)).toEqual({}); // no user values
    expect(await helm.uninstall({ ...ref, cascade: "foreground", deleteWait: true, deleteTimeout: 60 })).toBe(true);
    expect(await kubeGet(cluster, `/api/v1/namespaces/${n}/configmaps/gone-probe`)).toBeUndefined();
    expect(await releaseSecrets(cluster, n, "gone")).toEqual([]);
    expect(await helm.list({ ...target(), namespace: n })).toEqual([]);

    expect(await helm.uninstall(ref)).toBe(false);
    expect(await helm.getMetadata(ref)).toBeUndefined();
    expect(await helm.getManifest(ref)).toBeUndefined();
    expect(await helm.getValues(ref)).toBeUndefined();
    expect(await helm.history(ref)).toBeUndefined();
    // Release names that happen to contain words of kubeconfig errors are still just missing.
    for (const name of ["context-watcher", "kubeconfig-sync"]) {
      const other = { ...target(), name, namespace: n };
      expect(await helm.getMetadata(other)).toBeUndefined();
      expect(await helm.getValues(other)).toBeUndefined();
      expect(await helm.history(other)).toBeUndefined();
      expect(await helm.getManifest(other)).toBeUndefined();
      expect(await helm.uninstall(other)).toBe(false);
    }
    // Also in a namespace that does not exist at all.
    expect(await helm.getMetadata({ ...target(), name: "gone", namespace: ns(major, "no-such-ns") })).toBeUndefined();
    expect(await helm.uninstall({ ...target(), name: "gone", namespace: ns(major, "no-such-ns") })).toBe(false);
  });

  test("uninstall with keepHistory leaves an uninstalled release that list and history still see", async () => {
    const helm = newDriver(bin);
    const n = namespace("keep");
    const ref = { ...target(), name: "kept", namespace: n };
    await helm.upgradeInstall({ ...ref, chartPath: probeChart, createNamespace: true });
    expect(await helm.uninstall({ ...ref, keepHistory: true, deleteWait: true, deleteTimeout: 60 })).toBe(true);
    expect(await helm.getMetadata(ref)).toMatchObject({ status: "uninstalled", revision: 1 });
    expect((await helm.list({ ...target(), namespace: n })).map((r) => [r.name, r.status])).toEqual([["kept", "uninstalled"]]);
    expect((await helm.history(ref))?.map((h) => h.status)).toEqual(["uninstalled"]);
    // Installing again over the kept history works (revision 2).
    await helm.upgradeInstall({ ...ref, chartPath: probeChart });
    expect(await helm.getMetadata(ref)).toMatchObject({ status: "deployed", revision: 2 });
  });

  test("errors name what is wrong: a missing chart path, a missing namespace, an unreachable cluster", async () => {
    const helm = newDriver(bin);
    const missing = await rejection(helm.upgradeInstall({ ...target(), name: "x", namespace: "default", chartPath: "/nonexistent/charts/web-9.9.9.tgz" }));
    expect(missing).toBeInstanceOf(HelmError);
    expect(missing.message).toContain("/nonexistent/charts/web-9.9.9.tgz");
    expect(missing).toMatchObject({ operation: "upgradeInstall", timedOut: false });
    expect((missing as HelmError).exitCode).toBe(1);

    const noNs = await rejection(helm.upgradeInstall({ ...target(), name: "x", namespace: ns(major, "absent"), chartPath: probeChart }));
    expect(noNs.message).toMatch(new RegExp(`namespaces? "?${ns(major, "absent")}"? not found`));

    // The API server rejects an object: the message carries the API's reason (helm 3 wraps it in "1 error occurred:").
    const invalid = await rejection(helm.upgradeInstall({ ...target(), name: "inv", namespace: namespace("invalid"), createNamespace: true, chartPath: probeChart, values: [{ label: "not a label!" }] }));
    expect(invalid.message).toMatch(/ConfigMap "inv-probe" is invalid/);
    expect(invalid.message).toMatch(/metadata\.labels: Invalid value: "not a label!"/);
    expect(invalid.message).not.toMatch(/^\d+ errors? occurred:?$/);

    const badCluster = await rejection(helm.list({ kubeconfigPath: "/nonexistent/kubeconfig" }));
    expect(badCluster).toBeInstanceOf(HelmError);
    expect(badCluster.message).toContain("/nonexistent/kubeconfig");
    const badRead = await rejection(helm.getMetadata({ kubeconfigPath: "/nonexistent/kubeconfig", name: "x", namespace: "default" }));
    expect(badRead.message).toContain("/nonexistent/kubeconfig");
  });
});
