/**
 * The preview form of a rendered release: one entry per object, keyed `apiVersion/kind/namespace/name`, masked, and
 * for huge objects or CRDs (optionally) only a digest, so previews of big charts stay usable.
 *
 * Secret objects show their keys with masked values. Whether their data changed is carried separately, in
 * `secretDigests`: a digest per Secret object that the SDK hands to Pulumi as a secret input, so it is encrypted in the
 * state and shown as `[secret]` in previews — the preview says "changed" and nobody can test a guess against it.
 */
import * as crypto from "node:crypto";
import { secretForms } from "../secrets/forms";
import { MASK, maskSecretObject, maskStrings, secretData } from "./mask";
import { ManifestObject, objectKey } from "./objects";

/** How much of each object to keep for the preview diff. */
export interface SummaryOptions {
  /** Objects whose YAML is larger than this many bytes are kept as a digest only. @default 65536 */
  maxObjectBytes?: number;
  /** Keep CustomResourceDefinitions as a digest only. @default true */
  digestOnlyCrds?: boolean;
}

/** A digest-only entry (a digest of the masked object: no secret goes into it). */
export interface DigestEntry {
  digest: string;
  bytes: number;
}

/** Key → masked object (or digest entry). Keys are sorted. */
export type RenderedSummary = Record<string, Record<string, unknown> | DigestEntry>;

/** Object key of each Secret with data → sha256 of its data. Sensitive: it must only travel as a Pulumi secret. */
export type SecretDigests = Record<string, string>;

/** A release's preview: the masked summary (safe to show) and the Secret data digests (to be kept secret). */
export interface RenderedPreview {
  summary: RenderedSummary;
  secretDigests: SecretDigests;
}

const sha = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

/** Canonical JSON (sorted keys), so a digest does not depend on key order. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.keys(v as object).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(v ?? null);
}

/** Masked, size-bounded summary of the objects; `secrets` are the plaintext secret input values to hide. */
export function summarize(objects: readonly ManifestObject[], secrets: readonly string[], o: SummaryOptions = {}): RenderedPreview {
  const forms = secretForms(secrets);
  const max = o.maxObjectBytes ?? 65536;
  const entries: [string, Record<string, unknown> | DigestEntry][] = [];
  const secretDigests: SecretDigests = {};
  for (const obj of objects) {
    const key = objectKey(obj);
    const data = secretData(obj.body);
    if (data) secretDigests[key] = sha(canonical(data));
    const checksums = checksumAnnotations(obj.body);
    if (Object.keys(checksums).length) secretDigests[`${key}#checksums`] = sha(canonical(checksums));
    const masked = maskedObject(obj.body, forms);
    const text = JSON.stringify(obj.body);
    const tooBig = text.length > max;
    const crd = (o.digestOnlyCrds ?? true) && obj.kind === "CustomResourceDefinition";
    entries.push([key, tooBig || crd ? { digest: sha(JSON.stringify(masked)), bytes: text.length } : masked]);
  }
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { summary: Object.fromEntries(entries), secretDigests: Object.fromEntries(Object.entries(secretDigests).sort(([a], [b]) => (a < b ? -1 : 1))) };
}

/**
 * An object as it may be shown: Secret data values, `checksum/*` annotations and every form of a secret input
 * (`forms` from `secretForms`) replaced by the mask.
 */
export function maskedObject(body: Record<string, unknown>, forms: readonly string[]): Record<string, unknown> {
  return maskChecksums(maskStrings(maskSecretObject(body), forms) as Record<string, unknown>);
}

/**
 * `checksum/*` annotations (the common `checksum/secret: {{ include "secret.yaml" . | sha256sum }}`) of an object and
 * of its pod template: an unkeyed hash over a known template and a secret, so they are shown masked and tracked in
 * `secretDigests` like a Secret's data.
 */
function checksumAnnotations(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [where, meta] of metadataOf(body)) {
    for (const [k, v] of Object.entries((meta.annotations as Record<string, unknown> | undefined) ?? {})) if (k.startsWith("checksum/")) out[`${where}${k}`] = v;
  }
  return out;
}

function metadataOf(body: Record<string, unknown>): [string, Record<string, unknown>][] {
  const out: [string, Record<string, unknown>][] = [];
  const meta = body.metadata as Record<string, unknown> | undefined;
  if (meta && typeof meta === "object") out.push(["", meta]);
  const tmpl = ((body.spec as Record<string, unknown> | undefined)?.template as Record<string, unknown> | undefined)?.metadata as Record<string, unknown> | undefined;
  if (tmpl && typeof tmpl === "object") out.push(["template:", tmpl]);
  return out;
}

/** A copy of `body` with every `checksum/*` annotation value masked (keys stay visible). */
function maskChecksums(body: Record<string, unknown>): Record<string, unknown> {
  if (!Object.keys(checksumAnnotations(body)).length) return body;
  const copy = structuredClone(body);
  for (const [, meta] of metadataOf(copy)) {
    const a = meta.annotations as Record<string, unknown> | undefined;
    if (a) for (const k of Object.keys(a)) if (k.startsWith("checksum/")) a[k] = MASK;
  }
  return copy;
}

/** Digest of a whole manifest (for outputs: changes whenever any object does; kept as a secret output). */
export function manifestDigest(manifest: string): string {
  return sha(manifest);
}
