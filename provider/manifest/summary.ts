/**
 * The preview form of a rendered release: one entry per object, keyed `apiVersion/kind/namespace/name`, masked, and
 * for huge objects or CRDs (optionally) only a digest, so previews of big charts stay usable.
 */
import * as crypto from "node:crypto";
import { maskSecretObject, maskStrings, secretForms } from "./mask";
import { ManifestObject, objectKey } from "./objects";

/** How much of each object to keep for the preview diff. */
export interface SummaryOptions {
  /** Objects whose YAML is larger than this many bytes are kept as a digest only. @default 65536 */
  maxObjectBytes?: number;
  /** Keep CustomResourceDefinitions as a digest only. @default true */
  digestOnlyCrds?: boolean;
}

/** A digest-only entry. */
export interface DigestEntry {
  digest: string;
  bytes: number;
}

/** Key → masked object (or digest entry). Keys are sorted. */
export type RenderedSummary = Record<string, Record<string, unknown> | DigestEntry>;

const sha = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

/** Masked, size-bounded summary of the objects; `secrets` are the plaintext secret input values to hide. */
export function summarize(objects: readonly ManifestObject[], secrets: readonly string[], o: SummaryOptions = {}): RenderedSummary {
  const forms = secretForms(secrets);
  const max = o.maxObjectBytes ?? 65536;
  const entries: [string, Record<string, unknown> | DigestEntry][] = [];
  for (const obj of objects) {
    const masked = maskStrings(maskSecretObject(obj.body), forms) as Record<string, unknown>;
    const text = JSON.stringify(obj.body);
    const tooBig = text.length > max;
    const crd = (o.digestOnlyCrds ?? true) && obj.kind === "CustomResourceDefinition";
    entries.push([objectKey(obj), tooBig || crd ? { digest: sha(JSON.stringify(masked)), bytes: text.length } : masked]);
  }
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries);
}

/** Digest of a whole manifest (for outputs: changes whenever any object does). */
export function manifestDigest(manifest: string): string {
  return sha(manifest);
}
