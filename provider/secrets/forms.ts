/**
 * The one place that decides what a secret looks like when hidden, and in which forms it is looked for. Used by the
 * helm driver's redactor (command lines, helm's stderr, error messages, progress lines) and by the preview masker
 * (rendered objects), so both hide exactly the same strings.
 */

/** What replaces a secret wherever it would be shown. */
export const SECRET_MASK = "[secret]";

/**
 * What a hidden value that changed outside Pulumi is shown as (a Secret's data edited by hand): says that it changed,
 * never what it was or became.
 */
export const SECRET_CHANGED_MASK = "[secret, changed]";

/**
 * Secrets shorter than this are not searched for: masking every "no" or "on" in a manifest would hide unrelated text.
 * Three characters is the shortest secret worth hiding (a redacted error message loses nothing).
 */
export const MIN_SECRET_LENGTH = 3;

/**
 * Every form in which a secret may show up in text helm or Kubernetes produce: the string itself, its base64 (as in a
 * Secret's `data`, standard and URL-safe alphabets, with and without padding), its URL-encoded form (in URLs and
 * query strings) and its JSON-escaped form (in JSON helm prints). Longest first, so a longer form is replaced whole
 * before a shorter one inside it.
 */
export function secretForms(secrets: Iterable<unknown>): string[] {
  const forms = new Set<string>();
  for (const s of secrets) {
    if (typeof s !== "string" || s.length < MIN_SECRET_LENGTH) continue;
    const b64 = Buffer.from(s).toString("base64");
    const unpadded = b64.replace(/=+$/, "");
    const url = unpadded.replace(/\+/g, "-").replace(/\//g, "_");
    for (const f of [s, b64, unpadded, url, encodeURIComponent(s), JSON.stringify(s).slice(1, -1)]) {
      if (f.length >= MIN_SECRET_LENGTH) forms.add(f);
    }
  }
  return [...forms].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

/** `text` with every occurrence of every form replaced by {@link SECRET_MASK}. `forms` from {@link secretForms}. */
export function hideForms(text: string, forms: readonly string[]): string {
  let out = text;
  for (const f of forms) if (out.includes(f)) out = out.split(f).join(SECRET_MASK);
  return out;
}

/** `text` with every form of every secret hidden. */
export function hideSecrets(text: string, secrets: Iterable<unknown>): string {
  return hideForms(text, secretForms(secrets));
}
