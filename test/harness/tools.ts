/**
 * Where the testbed's tools live: the version-keyed cache written by scripts/setup.sh.
 * Versions come from scripts/versions.sh, the single source of truth shared with the setup script.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** Repository root: the nearest directory above this file whose package.json is pulumi-helmfile's (works from dist/ too). */
export const repoRoot = ((): string => {
  for (let d = __dirname; ; d = path.dirname(d)) {
    const pkg = path.join(d, "package.json");
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, "utf8")) as { name?: string }).name === "pulumi-helmfile") return d;
    if (path.dirname(d) === d) throw new Error(`cannot find the pulumi-helmfile repository above ${__dirname}`);
  }
})();

/** Pinned versions, read from scripts/versions.sh. */
export interface ToolVersions {
  HELM4_VERSION: string;
  HELM3_VERSION: string;
  PULUMI_VERSION: string;
  PULUMI_KUBERNETES_VERSION: string;
  PULUMI_KUBERNETES_PROVIDER_MODULE: string;
  K8S_VERSION: string;
  KWOK_VERSION: string;
  HELMFILE_VERSION: string;
  HELM_DIFF_VERSION: string;
  KUSTOMIZE_VERSION: string;
  SOPS_VERSION: string;
  AGE_VERSION: string;
}

export function toolVersions(): ToolVersions {
  const text = fs.readFileSync(path.join(repoRoot, "scripts", "versions.sh"), "utf8");
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const m = /^([A-Z0-9_]+)=(\S+)/.exec(line);
    if (m) out[m[1]] = m[2];
  }
  return out as unknown as ToolVersions;
}

/** The tool cache directory (PULUMI_HELMFILE_TOOLS, else ~/.cache/pulumi-helmfile/tools). */
export function toolsDir(): string {
  if (process.env.PULUMI_HELMFILE_TOOLS) return process.env.PULUMI_HELMFILE_TOOLS;
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(cache, "pulumi-helmfile", "tools");
}

/** Absolute paths of every testbed binary. */
export interface ToolPaths {
  helm4: string;
  helm3: string;
  /** Directory holding pulumi and pulumi-resource-pulumi-nodejs: PULUMI_HELMFILE_PULUMI_VERSION's build, else the pinned one. */
  pulumiBin: string;
  langhostBin: string; // directory holding the testbed's pulumi-language-nodejs (scripts/langhost)
  /** The kubernetes resource plugin (`scripts/setup.sh k8splugin`), labelled PULUMI_KUBERNETES_VERSION. */
  k8sPlugin: string;
  kubeBin: string; // directory holding kube-apiserver, kube-controller-manager, kube-scheduler
  kubectl: string; // kubectl at the cluster's version (kubectlApply hooks)
  kustomize: string; // kustomize (patched and kustomization releases, as chartify runs it)
  kwok: string;
  kwokStages: string;
  etcd: string;
  registry: string;
  htpasswd: string;
  helmfile: string;
  /** A HELM_PLUGINS directory holding the helm-diff plugin (`scripts/setup.sh helmdiff`; benchmarks only). */
  helmDiffPlugins: string;
  /** sops (`secrets:`, `ref+sops://`) and age-keygen (`scripts/setup.sh sops`). */
  sops: string;
  ageKeygen: string;
}

export function toolPaths(): ToolPaths {
  const v = toolVersions();
  const t = toolsDir();
  return {
    helm4: path.join(t, `helm-${v.HELM4_VERSION}`, "helm"),
    helm3: path.join(t, `helm-${v.HELM3_VERSION}`, "helm"),
    pulumiBin: path.join(t, `pulumi-${process.env.PULUMI_HELMFILE_PULUMI_VERSION || v.PULUMI_VERSION}`, "bin"),
    langhostBin: path.join(t, `langhost-${langhostHash()}`),
    k8sPlugin: path.join(t, `pulumi-kubernetes-${v.PULUMI_KUBERNETES_VERSION}-${v.PULUMI_KUBERNETES_PROVIDER_MODULE.split("-").pop()}`,
      `resource-kubernetes-${v.PULUMI_KUBERNETES_VERSION}`, "pulumi-resource-kubernetes"),
    kubeBin: path.join(t, `kubernetes-${v.K8S_VERSION}`, "bin"),
    kubectl: path.join(t, `kubectl-${v.K8S_VERSION}`, "bin", "kubectl"),
    kustomize: path.join(t, `kustomize-${v.KUSTOMIZE_VERSION}`, "bin", "kustomize"),
    kwok: path.join(t, `kwok-${v.KWOK_VERSION}`, "kwok"),
    kwokStages: path.join(t, `kwok-${v.KWOK_VERSION}`, "stages.yaml"),
    etcd: "/usr/bin/etcd",
    registry: "/usr/bin/docker-registry",
    htpasswd: "/usr/bin/htpasswd",
    helmfile: path.join(t, `helmfile-${v.HELMFILE_VERSION}`, "helmfile"),
    helmDiffPlugins: path.join(t, `helm-diff-${v.HELM_DIFF_VERSION}`, "plugins"),
    sops: path.join(t, `sops-${v.SOPS_VERSION}`, "bin", "sops"),
    ageKeygen: path.join(t, `sops-${v.SOPS_VERSION}`, "bin", "age-keygen"),
  };
}

/** Throws a clear error when a tool is missing: the fix is `npm run setup`. */
export function requireTool(file: string, what: string): string {
  if (!fs.existsSync(file)) {
    throw new Error(`${what} not found at ${file}; run \`npm run setup\` (scripts/setup.sh) to build the testbed tools`);
  }
  return file;
}

/** Both helm binaries, labelled by major version, for tests that run against each. */
export function helmBinaries(): { major: 3 | 4; path: string }[] {
  const p = toolPaths();
  return [
    { major: 4, path: requireTool(p.helm4, "helm v4") },
    { major: 3, path: requireTool(p.helm3, "helm v3") },
  ];
}

/** The language host's directory key: the first 12 hex digits of scripts/langhost/main.go's sha256 (as setup.sh). */
function langhostHash(): string {
  const src = fs.readFileSync(path.join(repoRoot, "scripts", "langhost", "main.go"));
  return crypto.createHash("sha256").update(src).digest("hex").slice(0, 12);
}
