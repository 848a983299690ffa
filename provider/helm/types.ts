/** Parsed results of the helm driver's operations. */

/** Where a release lives. `kubeconfig` is the file's content (may be secret); `kubeconfigPath` a path. */
export interface KubeTarget {
  kubeconfig?: string;
  kubeconfigPath?: string;
  kubeContext?: string;
}

export interface ReleaseRef extends KubeTarget {
  name: string;
  namespace: string;
}

/** helm's release statuses. */
export type ReleaseStatus =
  | "unknown"
  | "deployed"
  | "uninstalled"
  | "superseded"
  | "failed"
  | "uninstalling"
  | "pending-install"
  | "pending-upgrade"
  | "pending-rollback";

/** `helm get metadata -o json`. */
export interface ReleaseMetadata {
  name: string;
  namespace: string;
  chart: string;
  version: string;
  appVersion: string;
  revision: number;
  status: ReleaseStatus;
  deployedAt: string;
  /** The release's labels (helm's own storage labels excluded on helm 4; ours are under `pulumi-helmfile/`). */
  labels: Record<string, string>;
}

/** One entry of `helm history -o json`. */
export interface HistoryEntry {
  revision: number;
  updated: string;
  status: ReleaseStatus;
  chart: string;
  app_version: string;
  description: string;
}

/** A release as `helm status -o json` and `helm upgrade --install -o json` print it, the parts we use. */
export interface ReleaseStatusInfo {
  name: string;
  namespace: string;
  revision: number;
  status: ReleaseStatus;
  firstDeployed: string;
  lastDeployed: string;
  description: string;
  /** User-supplied values (may hold secrets: never log them). */
  values: Record<string, unknown>;
  manifest: string;
  /** The chart's rendered NOTES.txt, when it has one. */
  notes?: string;
  /** How helm 4 applied the revision: "ssa" (server-side apply) or "csa" (client-side); helm 3 does not say. */
  applyMethod?: string;
}
