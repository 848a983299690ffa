/** Redaction of secrets from anything the driver shows: command lines, helm's stderr, error messages. */
import { hideSecrets, SECRET_MASK } from "../secrets/forms";

/** Placeholder that replaces every secret in text (the same as the preview masker's). */
export const REDACTED = SECRET_MASK;

/** Replace every form of each secret in `text` (see provider/secrets/forms.ts for which forms and lengths). */
export function redact(text: string, secrets: readonly string[]): string {
  return hideSecrets(text, secrets);
}

/** Render an argv for a message, quoting arguments with spaces, with secrets redacted. */
export function formatCommand(binary: string, args: readonly string[], secrets: readonly string[]): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  return redact([binary, ...args].map(quote).join(" "), secrets);
}
