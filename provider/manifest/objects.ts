/** A rendered manifest as Kubernetes objects: parsed from helm's multi-document YAML, each with a stable key. */
import { parseAllDocuments } from "yaml";

/** One object of a manifest. */
export interface ManifestObject {
  apiVersion: string;
  kind: string;
  /** Empty for cluster-scoped kinds. */
  namespace: string;
  name: string;
  /** The whole object as rendered. */
  body: Record<string, unknown>;
}

/** Kinds that are cluster-scoped (no namespace) among those charts commonly render. */
const CLUSTER_SCOPED = new Set([
  "Namespace", "Node", "PersistentVolume", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "StorageClass",
  "PriorityClass", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "APIService", "IngressClass",
  "RuntimeClass", "CSIDriver", "VolumeAttachment", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
]);

/** `apiVersion/kind/namespace/name` ("" namespace for cluster-scoped objects). */
export function objectKey(o: Pick<ManifestObject, "apiVersion" | "kind" | "namespace" | "name">): string {
  return `${o.apiVersion}/${o.kind}/${o.namespace}/${o.name}`;
}

/**
 * Parse helm's manifest output. Objects without a namespace get the release's (helm installs them there), except
 * cluster-scoped kinds. `List` documents are flattened. Empty documents are skipped.
 */
export function parseManifest(text: string, releaseNamespace: string): ManifestObject[] {
  const out: ManifestObject[] = [];
  const add = (doc: unknown) => {
    if (!doc || typeof doc !== "object" || Array.isArray(doc)) return;
    const body = doc as Record<string, unknown>;
    if (body.kind === "List" && Array.isArray(body.items)) {
      for (const i of body.items) add(i);
      return;
    }
    const meta = (body.metadata ?? {}) as Record<string, unknown>;
    const kind = String(body.kind ?? "");
    if (!kind) return;
    out.push({
      apiVersion: String(body.apiVersion ?? ""),
      kind,
      namespace: CLUSTER_SCOPED.has(kind) ? "" : String(meta.namespace ?? releaseNamespace),
      name: String(meta.name ?? ""),
      body,
    });
  };
  for (const d of parseAllDocuments(text)) {
    if (d.errors.length) throw new Error(`invalid manifest YAML: ${d.errors[0].message}`);
    add(d.toJS());
  }
  return out;
}
