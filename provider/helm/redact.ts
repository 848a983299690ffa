/** Redaction of secrets from anything the driver shows: command lines, helm's stderr, error messages. */

/** Placeholder that replaces every secret in text. */
export const REDACTED = "[secret]";

/** Replace every occurrence of each secret (strings of at least 3 characters) in `text`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of [...secrets].filter((x) => x.length >= 3).sort((a, b) => b.length - a.length)) {
    out = out.split(s).join(REDACTED);
  }
  return out;
}

/** Render an argv for a message, quoting arguments with spaces, with secrets redacted. */
export function formatCommand(binary: string, args: readonly string[], secrets: readonly string[]): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  return redact([binary, ...args].map(quote).join(" "), secrets);
}
