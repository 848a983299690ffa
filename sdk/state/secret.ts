/**
 * A value of a resolved state that is derived from a secret (a sops-decrypted `secrets:` file, a vals `ref+` reference,
 * or anything a template computed from one). It prints, serialises and inspects as `[secret]`; only {@link reveal}
 * and {@link SecretValue.reveal} give the plaintext (the SDK turns it into a Pulumi secret, the CLI hands it to helm).
 */
import { inspect } from "node:util";

/** What a {@link SecretValue} shows wherever it is printed. */
const MASK = "[secret]";

/** A leaf of a resolved state holding a secret. */
export class SecretValue {
  readonly #value: unknown;

  constructor(value: unknown) {
    this.#value = value;
  }

  /** The plaintext (a string, number, boolean, null, or a map/list when a whole subtree is secret). */
  reveal(): unknown {
    return this.#value;
  }

  toJSON(): string {
    return MASK;
  }

  toString(): string {
    return MASK;
  }

  [inspect.custom](): string {
    return MASK;
  }
}

/** `v` with every {@link SecretValue} inside replaced by `f(plaintext)` (plain maps and lists are copied). */
export function mapSecrets(v: unknown, f: (plaintext: unknown) => unknown): unknown {
  if (v instanceof SecretValue) return f(v.reveal());
  if (Array.isArray(v)) return v.map((x) => mapSecrets(x, f));
  if (v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapSecrets(x, f)]));
  }
  return v;
}

/** `v` with every {@link SecretValue} replaced by its plaintext. */
export function reveal<T>(v: T): T {
  return mapSecrets(v, (p) => p) as T;
}

/** True when `v` holds a {@link SecretValue} anywhere. */
export function holdsSecret(v: unknown): boolean {
  if (v instanceof SecretValue) return true;
  if (Array.isArray(v)) return v.some(holdsSecret);
  if (v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) return Object.values(v).some(holdsSecret);
  return false;
}
