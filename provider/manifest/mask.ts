/**
 * Masking what must not be shown in a preview: the data of Secret objects (replaced by a short digest, so a change is
 * still visible as a change), and every occurrence of a secret input value (and its base64 form) in any string.
 */
import * as crypto from "node:crypto";

/** What replaces a secret string. */
export const MASK = "[secret]";

function digest(v: unknown): string {
  return crypto.createHash("sha256").update(typeof v === "string" ? v : JSON.stringify(v)).digest("hex").slice(0, 12);
}

/** Every form in which a secret may show up in a rendered object: itself and its base64. Short strings are ignored. */
export function secretForms(secrets: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const s of secrets) {
    if (typeof s !== "string" || s.length < 4) continue;
    forms.add(s);
    forms.add(Buffer.from(s).toString("base64"));
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

function maskString(s: string, forms: readonly string[]): string {
  let out = s;
  for (const f of forms) if (out.includes(f)) out = out.split(f).join(MASK);
  return out;
}

/** Deep copy of `v` with every secret form replaced in strings (keys included). */
export function maskStrings(v: unknown, forms: readonly string[]): unknown {
  if (typeof v === "string") return forms.length ? maskString(v, forms) : v;
  if (Array.isArray(v)) return v.map((x) => maskStrings(x, forms));
  if (v && typeof v === "object") {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[forms.length ? maskString(k, forms) : k] = maskStrings(x, forms);
    return o;
  }
  return v;
}

/** A Secret object with `data`/`stringData` values replaced by `[secret sha256:…]` (keys stay visible). */
export function maskSecretObject(body: Record<string, unknown>): Record<string, unknown> {
  if (body.kind !== "Secret") return body;
  const out = { ...body };
  for (const field of ["data", "stringData"]) {
    const d = body[field];
    if (d && typeof d === "object") {
      out[field] = Object.fromEntries(Object.entries(d).map(([k, v]) => [k, `${MASK.slice(0, -1)} sha256:${digest(v)}]`]));
    }
  }
  return out;
}
