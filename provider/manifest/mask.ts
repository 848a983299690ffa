/**
 * Masking what must not be shown in a preview: the data of Secret objects (each value replaced by the mask; whether
 * it changed is tracked through a digest that only ever travels inside a Pulumi secret, see summary.ts), and every
 * form of a secret input value in any string (provider/secrets/forms.ts decides which forms).
 */
import { hideForms, SECRET_MASK } from "../secrets/forms";

/** What replaces a secret string (the same as the driver's redactor). */
export const MASK = SECRET_MASK;

/** Deep copy of `v` with every secret form replaced in strings (keys included). `forms` from `secretForms`. */
export function maskStrings(v: unknown, forms: readonly string[]): unknown {
  if (typeof v === "string") return forms.length ? hideForms(v, forms) : v;
  if (Array.isArray(v)) return v.map((x) => maskStrings(x, forms));
  if (v && typeof v === "object") {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[forms.length ? hideForms(k, forms) : k] = maskStrings(x, forms);
    return o;
  }
  return v;
}

/** The fields of a Secret object that hold its data. */
const SECRET_DATA_FIELDS = ["data", "stringData"] as const;

/** A Secret object with every `data`/`stringData` value replaced by the mask (keys stay visible). Other kinds as is. */
export function maskSecretObject(body: Record<string, unknown>): Record<string, unknown> {
  if (body.kind !== "Secret") return body;
  const out = { ...body };
  for (const field of SECRET_DATA_FIELDS) {
    const d = body[field];
    if (d && typeof d === "object") out[field] = Object.fromEntries(Object.keys(d).map((k) => [k, MASK]));
  }
  return out;
}

/** The data of a Secret object (`data` and `stringData`), or undefined for other kinds and Secrets without data. */
export function secretData(body: Record<string, unknown>): Record<string, unknown> | undefined {
  if (body.kind !== "Secret") return undefined;
  const d = Object.fromEntries(SECRET_DATA_FIELDS.filter((f) => body[f] && typeof body[f] === "object").map((f) => [f, body[f]]));
  return Object.keys(d).length ? d : undefined;
}
