/** What the example tests look at in the testbed cluster: helm's release list (the real helm) and objects via the API. */
import { execFileSync } from "node:child_process";
import { isolatedHelmEnv } from "../../harness/helm-env";
import { kubeGet } from "../../harness/kube";
import { tempDir, testbed } from "../../harness/testbed";
import { toolPaths } from "../../harness/tools";
import { TestStack } from "../stack";

export const helmBin = toolPaths().helm4;

/** The environment every example stack gets: the testbed's helm 4 and a fresh private chart cache. */
export function stackEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PULUMI_HELMFILE_HELM: helmBin, PULUMI_HELMFILE_CACHE_DIR: tempDir("cache"), ...extra };
}

export interface ListedRelease {
  name: string;
  namespace: string;
  revision: string;
  status: string;
  chart: string;
  updated: string;
}

const helmEnv = () => ({ ...process.env, ...isolatedHelmEnv(tempDir("examples-helm")) });

/** `helm list -n ns -o json` (helm 4 lists every status by default), sorted by name (code points). */
export function helmList(ns: string): ListedRelease[] {
  const out = execFileSync(helmBin, ["list", "-n", ns, "-o", "json", "--kubeconfig", testbed().cluster.kubeconfig], { env: helmEnv(), encoding: "utf8" });
  return (JSON.parse(out) as ListedRelease[]).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Any helm command against the testbed cluster (out-of-band changes). */
export function helm(args: string[]): string {
  return execFileSync(helmBin, [...args, "--kubeconfig", testbed().cluster.kubeconfig], { env: helmEnv(), encoding: "utf8" });
}

/** `name:status:revision` of every release in a namespace, sorted. */
export function releaseSummary(ns: string): string[] {
  return helmList(ns).map((r) => `${r.name}:${r.status}:${String(r.revision)}`);
}

/** A ConfigMap's data through the API server; undefined when it does not exist. */
export async function configMapData(ns: string, name: string): Promise<Record<string, string> | undefined> {
  return (await kubeGet<{ data?: Record<string, string> }>(testbed().cluster, `/api/v1/namespaces/${ns}/configmaps/${name}`))?.data;
}

/** Every ConfigMap of a namespace labelled with a release instance (what the web chart renders), by name → data. */
export async function releaseConfigMaps(ns: string): Promise<Record<string, Record<string, string>>> {
  const list = await kubeGet<{ items: { metadata: { name: string }; data?: Record<string, string> }[] }>(
    testbed().cluster,
    `/api/v1/namespaces/${ns}/configmaps?labelSelector=${encodeURIComponent("app.kubernetes.io/instance")}`,
  );
  return Object.fromEntries((list?.items ?? []).map((i) => [i.metadata.name, i.data ?? {}]));
}

/** Any object through the API server (e.g. `/api/v1/namespaces/ns/serviceaccounts/x`). */
export function apiGet(path: string): Promise<Record<string, unknown> | undefined> {
  return kubeGet(testbed().cluster, path);
}

/** The "Resources:" summary of a pulumi run, e.g. { create: 31 } or { change: 1, unchanged: 4 }. */
export function summary(stdout: string): Record<string, number> {
  const out: Record<string, number> = {};
  const tail = stdout.slice(stdout.lastIndexOf("Resources:"));
  for (const m of tail.matchAll(/^\s+[+~\-±]?\s*(\d+) (to create|created|to update|updated|to delete|deleted|changes?|unchanged|to replace|replaced)\b/gm)) {
    out[m[2]] = Number(m[1]);
  }
  return out;
}

/** `pulumi preview --expect-no-changes`: exits 0 only when nothing would change. */
export async function expectNoChanges(stack: TestStack): Promise<string> {
  const r = await stack.run(["preview", "--expect-no-changes", "--diff"]);
  if (r.code !== 0) throw new Error(`a preview right after up shows changes (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Time one step, for the report printed at the end of a test. */
export function stopwatch(): { step<T>(name: string, fn: () => Promise<T>): Promise<T>; report(): string } {
  const times: [string, number][] = [];
  return {
    async step(name, fn) {
      const t0 = Date.now();
      try {
        return await fn();
      } finally {
        times.push([name, Date.now() - t0]);
      }
    },
    report: () => times.map(([n, ms]) => `${n} ${(ms / 1000).toFixed(1)}s`).join(", "),
  };
}
