/**
 * Where one load gets its secrets: sops-decrypted `secrets:` files and resolved vals references, each decrypted or
 * resolved once per load (and per `pulumi up`: the program loads once). It records that secrets were read, and can
 * answer the same questions with canaries instead (./derived.ts: a second load whose differences show what derives
 * from a secret).
 */
import { createHash } from "node:crypto";
import { HelmfileLoadError, type LoadErrorLocation } from "../errors";
import { isPlainObject, type PlainMap } from "../plainObject";
import { decodeValuesYaml } from "../valuesFiles";
import { lookupRef } from "./backends";
import { expandTree, RefError } from "./refs";
import { sopsDecrypt, type SopsFormat } from "./sops";

/** Shared by a load and its canary load. */
interface Store {
  /** Decrypted/resolved plaintext by file, content digest or reference. */
  values: Map<string, unknown>;
  /** Canary of each plaintext string. */
  canaries: Map<string, string>;
  /** Every plaintext read (strings and numbers, for the fallback scan in ./derived.ts). */
  plaintexts: Set<string>;
}

function collect(v: unknown, into: Set<string>): void {
  if (typeof v === "string" || typeof v === "number" || typeof v === "bigint") into.add(String(v));
  else if (Array.isArray(v)) v.forEach((x) => collect(x, into));
  else if (isPlainObject(v)) Object.values(v).forEach((x) => collect(x, into));
}

/** The format sops reads a `secrets:` file in: JSON by extension, else YAML (as helm-secrets does). */
function formatOf(file: string): SopsFormat {
  return /\.json(\.gotmpl)?$/.test(file) ? "json" : "yaml";
}

/** A load's source of secrets. */
export class SecretSource {
  #used = false;

  private constructor(
    private readonly env: Record<string, string | undefined>,
    private readonly cwd: string,
    private readonly store: Store,
    /** Answers with canaries (a canary load). */
    readonly canary: boolean,
  ) {}

  /** A source for a load seeing `env`; relative vals paths resolve against `cwd`. */
  static create(env: Record<string, string | undefined>, cwd: string): SecretSource {
    return new SecretSource(env, cwd, { values: new Map(), canaries: new Map(), plaintexts: new Set() }, false);
  }

  /** The same secrets, answered with canaries. */
  canaries(): SecretSource {
    return new SecretSource(this.env, this.cwd, this.store, true);
  }

  /** Whether any secret was read. */
  get used(): boolean {
    return this.#used;
  }

  /** Every plaintext read so far. */
  plaintexts(): ReadonlySet<string> {
    return this.store.plaintexts;
  }

  /** The plaintext under `key`, read once per load (and shared with the canary load). */
  private plain(key: string, read: () => unknown): unknown {
    this.#used = true;
    if (!this.store.values.has(key)) {
      const v = read();
      this.store.values.set(key, v);
      collect(v, this.store.plaintexts);
    }
    return this.store.values.get(key);
  }

  /** {@link plain}, or its canary in a canary load. */
  private once(key: string, read: () => unknown): unknown {
    const v = this.plain(key, read);
    return this.canary ? this.canaryOf(v) : v;
  }

  /** A value with the same shape and no part of the plaintext: strings, numbers and booleans all differ. */
  private canaryOf(v: unknown): unknown {
    if (typeof v === "string") {
      let c = this.store.canaries.get(v);
      if (c === undefined) this.store.canaries.set(v, (c = `⟦canary ${this.store.canaries.size} ${createHash("sha256").update(`${Math.random()}`).digest("hex").slice(0, 12)}⟧`));
      return c;
    }
    if (typeof v === "number") return v === 987654321 ? 123456789 : 987654321;
    if (typeof v === "boolean") return !v;
    if (Array.isArray(v)) return v.map((x) => this.canaryOf(x));
    if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.canaryOf(x)]));
    return v;
  }

  private decrypted(file: string, content: string | undefined, where: LoadErrorLocation = {}): { key: string; text: () => string } {
    const key = content === undefined ? `file:${file}` : `content:${createHash("sha256").update(content).digest("hex")}`;
    return { key, text: () => this.plain(`text:${key}`, () => sopsDecrypt({ file, content, format: formatOf(file), env: this.env }, where)) as string };
  }

  /**
   * A sops-encrypted values file (or its text, `content`, e.g. an inline map) decrypted and decoded. Errors name the
   * file and `where`, never the content.
   */
  decryptValues(file: string, where: LoadErrorLocation, content?: string): PlainMap {
    const d = this.decrypted(file, content, where);
    return this.once(`yaml:${d.key}`, () => {
      const text = d.text();
      try {
        return decodeValuesYaml(text, file);
      } catch {
        // The decoder's message may quote the text: only say what is wrong.
        throw new HelmfileLoadError("the decrypted secrets file is not a YAML map", { ...where, file });
      }
    }) as PlainMap;
  }

  /** The decrypted text of a sops file (a `.gotmpl` release secret, rendered afterwards). */
  decryptText(file: string, where: LoadErrorLocation, content?: string): string {
    const d = this.decrypted(file, content, where);
    return this.once(`whole:${d.key}`, d.text) as string;
  }

  /** One vals reference (without `ref+`) resolved. */
  resolveRef(ref: string): unknown {
    return this.once(`ref:${ref}`, () => lookupRef(ref, { env: this.env, cwd: this.cwd, decrypt: sopsDecrypt }));
  }

  /** vals' Eval over a tree; a failing reference is a {@link HelmfileLoadError} at `where` naming it. */
  expand(tree: unknown, where: LoadErrorLocation): unknown {
    try {
      return expandTree(tree, (ref) => this.resolveRef(ref));
    } catch (e) {
      if (e instanceof RefError) throw new HelmfileLoadError(`cannot resolve the vals reference ${e.message}`, where);
      if (e instanceof HelmfileLoadError) throw new HelmfileLoadError(`cannot resolve a vals reference: ${e.reason}`, { ...where, file: e.file ?? where.file });
      throw e;
    }
  }
}
