/**
 * Drift of a release's objects, as Flux's helm-controller detects it: the stored manifest applied with server-side
 * apply as a dry run (`--dry-run=server`, our own field manager, taking over conflicting fields) gives what each object
 * would be if the manifest were applied now — defaulted, normalized and merged by the API server itself — and that is
 * compared with the live object (./compare.ts). Two kubectl processes per release (../kube/driver.ts): a get of
 * every object, then the dry run of those that exist.
 */
import { parseManifest } from "../manifest/objects";
import type { KubeTarget } from "../helm/types";
import { type KubectlDriver, kubectlDriver } from "../kube/driver";
import { compareObjects, existence, type ObjectDrift } from "./compare";
import type { DriftIgnoreRule } from "./rules";

/** The field manager of the dry run (nothing is stored under it). */
export const DRIFT_FIELD_MANAGER = "pulumi-helmfile-drift";

/** What to check. */
export interface DriftRequest extends KubeTarget {
  /** The release's manifest as helm stored it. */
  manifest: string;
  /** The release's namespace (objects without one are there). */
  namespace: string;
  /** For errors: "release ns/name". */
  what: string;
  ignore?: readonly DriftIgnoreRule[];
  /** Plaintext secret inputs (masked in the report, redacted from errors). */
  secrets?: readonly string[];
}

/** The objects of the release that differ from its manifest (empty when none). */
export async function detectObjectDrift(r: DriftRequest, kubectl: KubectlDriver = kubectlDriver()): Promise<ObjectDrift[]> {
  const objects = parseManifest(r.manifest, r.namespace);
  if (!objects.length) return [];
  // kubectl would put objects without a namespace into the kubeconfig context's namespace: say where helm put them.
  const bodies = objects.map((o) => (o.namespace ? { ...o.body, metadata: { ...(o.body.metadata as object), namespace: o.namespace } } : o.body));
  const target = { kubeconfig: r.kubeconfig, kubeconfigPath: r.kubeconfigPath, kubeContext: r.kubeContext, what: r.what, secrets: r.secrets };
  const live = await kubectl.get({ ...target, objects: bodies });
  // Only objects that exist are dry-run: a deleted one is reported as such (and its namespace may be gone too).
  const exists = existence(objects, live);
  const existing = bodies.filter((_, i) => exists[i]);
  const expected = await kubectl.applyDryRun({ ...target, objects: existing, fieldManager: DRIFT_FIELD_MANAGER });
  return compareObjects({ objects, expected, live, ignore: r.ignore, secrets: r.secrets });
}
