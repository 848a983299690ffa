/**
 * Secrets and private files of the helm driver, with helm v4 and helm v3: a secret given through `values` or `set`
 * reaches the cluster but never the argv of any process (sampled from /proc every ~20 ms while the call runs) nor an
 * error message; a kubeconfig given as content is written to a 0600 file that exists only while helm runs.
 */
import * as fs from "node:fs";
import { HelmError } from "../../../provider/helm/errors";
import { REDACTED } from "../../../provider/helm/redact";
import { tempRoot } from "../../../provider/helm/temp-files";
import { kubeGet } from "../../harness/kube";
import { fixtureChart } from "../../harness/charts";
import { testbed } from "../../harness/testbed";
import { helmBinaries } from "../../harness/tools";
import { driverTempDirs, driverTestScope, newDriver, ns, privateTempRoot, probeChart, ProcessWatch, rejection } from "./helpers";

beforeAll(() => privateTempRoot("secrets"));

const VALUES_SECRET = "Vs-7d41c0e9-values-secret";
const SET_SECRET = "Ss-93be2a71-set-secret";
const FILE_SECRET = "Fs-0c5d8e44-set-file-secret";

describe.each(helmBinaries())("helm driver secrets with helm v$major", ({ major, path: bin }) => {
  const { created } = driverTestScope(major);

  test("secrets through values and set reach the cluster, never argv; kubeconfig content is a 0600 temp file removed afterwards", async () => {
    const { cluster } = testbed();
    const kubeconfig = fs.readFileSync(cluster.kubeconfig, "utf8");
    const progress: string[] = [];
    const helm = newDriver(bin, { onProgress: (l) => progress.push(l) });
    const n = ns(major, "secret-values");
    created.push(n);
    const ref = { kubeconfig, name: "sec", namespace: n };

    const watch = new ProcessWatch(bin);
    try {
      await helm.upgradeInstall({
        ...ref,
        chartPath: fixtureChart("web"),
        createNamespace: true,
        values: [{ password: VALUES_SECRET, greeting: "visible" }],
        secrets: [VALUES_SECRET, SET_SECRET, FILE_SECRET],
      });
      expect(driverTempDirs()).toEqual([]);
      await helm.upgradeInstall({
        ...ref,
        chartPath: fixtureChart("web"),
        set: [{ name: "password", value: SET_SECRET }, { name: "extra.token", fileContent: FILE_SECRET }],
        secrets: [VALUES_SECRET, SET_SECRET, FILE_SECRET],
      });
      expect(driverTempDirs()).toEqual([]);
      const meta = await helm.getMetadata(ref);
      expect(meta).toMatchObject({ revision: 2, status: "deployed" });
      expect(driverTempDirs()).toEqual([]);
    } finally {
      watch.stop();
    }

    // The values reached the cluster (through a values file): the chart's Secret and ConfigMap hold them.
    const secret = await kubeGet<{ data: Record<string, string> }>(cluster, `/api/v1/namespaces/${n}/secrets/sec-credentials`);
    expect(Buffer.from(secret?.data.password ?? "", "base64").toString()).toBe(SET_SECRET);
    const cm = await kubeGet<{ data: Record<string, string> }>(cluster, `/api/v1/namespaces/${n}/configmaps/sec-config`);
    expect(cm?.data.token).toBe(FILE_SECRET);
    const rev1 = await helm.getValues({ ...ref, revision: 1 });
    expect(rev1).toEqual({ password: VALUES_SECRET, greeting: "visible" });

    // helm ran (we saw its command lines, with a kubeconfig file and values files), and no command line held a secret.
    const helmRuns = watch.helmCommands();
    expect(helmRuns.filter((c) => c.includes("upgrade --install sec")).length).toBeGreaterThanOrEqual(2);
    expect(watch.samples).toBeGreaterThan(5);
    for (const s of [VALUES_SECRET, SET_SECRET, FILE_SECRET, cluster.token]) expect(watch.containing(s)).toEqual([]);
    const ours = helmRuns.filter((c) => / (upgrade --install|get metadata) sec /.test(c));
    expect(ours.length).toBeGreaterThanOrEqual(3);
    expect(ours.filter((c) => c.includes(cluster.kubeconfig))).toEqual([]); // the content was written elsewhere

    // The private files helm was given (in this file's temp root) were 0600 while it ran, and are gone now.
    const files = [...watch.fileModes.entries()].filter(([f]) => f.startsWith(tempRoot() + "/"));
    expect(files.some(([f]) => /kubeconfig$/.test(f))).toBe(true);
    expect(files.some(([f]) => /values\.yaml$/.test(f))).toBe(true);
    expect(files.some(([f]) => /set\.yaml$/.test(f))).toBe(true);
    for (const [f, mode] of files) {
      expect([f, mode]).toEqual([f, "600"]);
      expect(fs.existsSync(f)).toBe(false);
    }
    expect(progress.join("\n")).not.toContain(SET_SECRET);
  });

  test("a failing call: the secret is redacted from the HelmError's message, stderr and command; the kubeconfig content too", async () => {
    const { cluster } = testbed();
    const kubeconfig = fs.readFileSync(cluster.kubeconfig, "utf8");
    const helm = newDriver(bin);
    const n = ns(major, "secret-fail");
    created.push(n);
    // The probe renders `label` as a label value: the API rejects this one and quotes it in its error.
    const secret = "Lbl-6f1a secret label value!";
    const watch = new ProcessWatch(bin);
    let err: Error;
    try {
      err = await rejection(
        helm.upgradeInstall({ kubeconfig, name: "leak", namespace: n, chartPath: probeChart, createNamespace: true, set: [{ name: "label", value: secret }], secrets: [secret] }),
      );
    } finally {
      watch.stop();
    }
    expect(err).toBeInstanceOf(HelmError);
    const e = err as HelmError;
    // The cause is still readable (the API's verdict on the label), with the value replaced.
    expect(e.message).toMatch(/ConfigMap "leak-probe" is invalid/);
    expect(e.message).toContain(`Invalid value: "${REDACTED}"`);
    for (const text of [e.message, e.stderr, e.command, String(e), JSON.stringify(e), e.stack ?? ""]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(cluster.token);
    }
    expect(watch.containing(secret)).toEqual([]);
    expect(watch.helmCommands().some((c) => c.includes("upgrade --install leak"))).toBe(true);
    expect(driverTempDirs()).toEqual([]);
    // The failed release exists (status failed) and can be removed with the same kubeconfig content.
    expect(await helm.getMetadata({ kubeconfig, name: "leak", namespace: n })).toMatchObject({ status: "failed" });
    expect(await helm.uninstall({ kubeconfig, name: "leak", namespace: n })).toBe(true);
    expect(driverTempDirs()).toEqual([]);
  });

  test("driver-wide secrets (options.secrets) are redacted from every operation's errors", async () => {
    const helm = newDriver(bin, { secrets: ["Drv-55aa-driver-wide"] });
    const err = await rejection(helm.template({ releaseName: "t", namespace: "default", chartPath: "/nonexistent/Drv-55aa-driver-wide/chart" }));
    expect(err).toBeInstanceOf(HelmError);
    expect(err.message).toContain(`/nonexistent/${REDACTED}/chart`);
    expect(err.message).not.toContain("Drv-55aa-driver-wide");
    expect((err as HelmError).command).not.toContain("Drv-55aa-driver-wide");
  });
});
