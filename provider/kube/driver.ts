/**
 * The kubectl driver: the two reads drift detection needs, `kubectl get` of a release's objects and a server-side
 * apply dry run of its stored manifest. kubectl (not an in-process client) because it loads a kubeconfig exactly as
 * helm does — both are client-go: the same loading rules, contexts, exec credential plugins, auth providers, proxy
 * and TLS settings — and because helmfile's `kubectlApply` hooks already need it. Processes start only here, through
 * the helm driver's runner (../helm/run.ts: argument arrays, explicit environment, deadline, redaction). The
 * manifest goes through stdin and the kubeconfig into a 0600 file of a private temp dir: neither is ever on a command
 * line.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { PulumiHelmfileError } from "../errors";
import { onPath } from "../helm/binary";
import { baseChildEnv } from "../helm/environment";
import { HelmError, type HelmOperation } from "../helm/errors";
import { run } from "../helm/run";
import { PrivateTempDir, withTempDir } from "../helm/temp-files";
import type { KubeTarget } from "../helm/types";
import { KUBECTL_ENV } from "../hooks/driver";

/** A Kubernetes object as the API returns it. */
export type KubeObject = Record<string, unknown>;

/** A failed or impossible kubectl run; the message names what was read and kubectl's own reason. */
export class KubectlError extends PulumiHelmfileError {
  override readonly name: string = "KubectlError";
}

const HOW = `install kubectl (https://kubernetes.io/docs/tasks/tools/), or set ${KUBECTL_ENV} to its path`;

/** The kubectl binary: $PULUMI_HELMFILE_KUBECTL (as for kubectlApply hooks), else `kubectl` on PATH. */
export function locateKubectl(env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env[KUBECTL_ENV];
  if (chosen) {
    const p = chosen.includes(path.sep) ? chosen : onPath(chosen, env.PATH);
    if (p && fs.existsSync(p)) return p;
    throw new KubectlError(`kubectl binary '${chosen}' (${KUBECTL_ENV}) not found: ${HOW}`);
  }
  const p = onPath("kubectl", env.PATH);
  if (!p) throw new KubectlError(`kubectl not found on PATH (drift detection reads the release's objects with it): ${HOW}, or turn drift detection off (driftDetection: { mode: "disabled" })`);
  return p;
}

/** One read of a set of objects. */
export interface ObjectsRequest extends KubeTarget {
  /** The objects (full bodies; namespaced ones with `metadata.namespace` set). */
  objects: KubeObject[];
  /** What is being read, for errors (e.g. "release apps/web"). */
  what: string;
  /** Strings to redact from errors. */
  secrets?: readonly string[];
}

/** Runs kubectl. One driver per process: its discovery cache (a private directory) is shared by every call. */
export class KubectlDriver {
  readonly binary: string;
  private readonly cacheDir: string;

  constructor(binary?: string) {
    this.binary = binary ?? locateKubectl();
    this.cacheDir = new PrivateTempDir("kubectl-cache", { untilExit: true }).path;
  }

  /** The live objects (`kubectl get -f - -o json --ignore-not-found`): those that exist, in any order. */
  async get(r: ObjectsRequest): Promise<KubeObject[]> {
    return this.objects("kubectlGet", ["get", "-f", "-", "-o", "json", "--ignore-not-found"], r);
  }

  /**
   * What the objects would be after applying them with server-side apply under `fieldManager`, taking over fields
   * other managers own (`--force-conflicts`), computed by the API server and not stored (`--dry-run=server`).
   * Validation is off (`--validate=false`): the manifest was accepted once already; this is a comparison.
   */
  async applyDryRun(r: ObjectsRequest & { fieldManager: string }): Promise<KubeObject[]> {
    const args = ["apply", "--server-side", "--dry-run=server", "--force-conflicts", `--field-manager=${r.fieldManager}`, "--validate=false", "-f", "-", "-o", "json"];
    return this.objects("kubectlApplyDryRun", args, r);
  }

  private async objects(operation: HelmOperation, args: string[], r: ObjectsRequest): Promise<KubeObject[]> {
    if (!r.objects.length) return [];
    // YAML documents: kubectl reads a stream that starts with "{" as concatenated JSON, where "---" is an error.
    const stdin = r.objects.map((o) => stringify(o)).join("---\n");
    return withTempDir("kubectl", async (tmp) => {
      const kube: string[] = [];
      if (r.kubeconfig !== undefined) kube.push("--kubeconfig", tmp.write("kubeconfig", r.kubeconfig));
      else if (r.kubeconfigPath) kube.push("--kubeconfig", r.kubeconfigPath);
      if (r.kubeContext) kube.push("--context", r.kubeContext);
      // What helm inherits too, and kubectl's own discovery cache.
      const env: Record<string, string> = { ...baseChildEnv(), KUBECACHEDIR: this.cacheDir };
      const secrets = [...(r.secrets ?? []), ...(r.kubeconfig ? [r.kubeconfig] : [])];
      try {
        const { stdout } = await run({ operation, binary: this.binary, args: [...args, ...kube], env, stdin, timeoutMs: 120_000, secrets });
        return listItems(stdout);
      } catch (e) {
        const reason = e instanceof HelmError ? (e.stderr.trim().split("\n").filter(Boolean).pop() ?? e.message) : String(e);
        throw new KubectlError(`${r.what}: kubectl ${args[0]} failed: ${reason}`, { cause: e });
      }
    });
  }
}

/** The objects kubectl printed with `-o json`: a `List`'s items, a single object, or nothing. */
export function listItems(stdout: string): KubeObject[] {
  if (!stdout.trim()) return [];
  const o = JSON.parse(stdout) as KubeObject;
  return o.kind === "List" && Array.isArray(o.items) ? (o.items as KubeObject[]) : [o];
}

let shared: KubectlDriver | undefined;

/** The process's kubectl driver (created at first use: a refresh that never checks drift needs no kubectl). */
export function kubectlDriver(): KubectlDriver {
  shared ??= new KubectlDriver();
  return shared;
}
