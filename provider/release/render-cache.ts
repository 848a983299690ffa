/**
 * The on-disk cache of preview renders. An entry's name is an HMAC of everything that shapes the render (values
 * included, secrets included), keyed by a random key private to the cache directory, and the Secret data digests in
 * an entry are encrypted with that key (AES-256-GCM): the cache holds no plaintext, base64 or unkeyed digest of a
 * secret. The key file is created once, atomically (link of a finished temp file), 0600 in a 0700 directory.
 *
 * Entries not used for {@link RENDER_CACHE_MAX_AGE_DAYS} days are removed (a hit refreshes an entry's mtime), by at
 * most one sweep a day per cache directory.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { RenderedPreview, RenderedSummary, SecretDigests } from "../manifest/summary";

interface Entry {
  summary: RenderedSummary;
  /** iv.tag.ciphertext (base64url) of the JSON of the Secret data digests. */
  sealed: string;
}

/** Age (days since last use) after which a render cache entry is removed. */
export const RENDER_CACHE_MAX_AGE_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;

export class RenderCache {
  private key?: Buffer;
  constructor(readonly dir: string) {}

  /** The cache's key, created on first use. */
  private secretKey(): Buffer {
    if (this.key) return this.key;
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const file = path.join(this.dir, "key");
    try {
      this.key = fs.readFileSync(file);
    } catch {
      const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
      fs.writeFileSync(tmp, crypto.randomBytes(32), { mode: 0o600 });
      try {
        fs.linkSync(tmp, file); // fails if another process won the race: then use its key
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      } finally {
        fs.rmSync(tmp, { force: true });
      }
      this.key = fs.readFileSync(file);
    }
    if (this.key.length !== 32) throw new Error(`render cache key ${file} is damaged (${this.key.length} bytes); delete it`);
    return this.key;
  }

  /** The entry name of a render whose inputs are `parts` (any JSON). */
  entryName(parts: unknown): string {
    return crypto.createHmac("sha256", this.secretKey()).update(JSON.stringify(parts)).digest("hex");
  }

  get(name: string): RenderedPreview | undefined {
    const file = path.join(this.dir, `${name}.json`);
    let e: Entry;
    try {
      e = JSON.parse(fs.readFileSync(file, "utf8")) as Entry;
    } catch {
      return undefined;
    }
    const secretDigests = this.open(e.sealed);
    if (secretDigests) touch(file);
    return secretDigests && { summary: e.summary, secretDigests };
  }

  /**
   * Removes entries unused for `maxAgeDays` (and stale temp files), unless a sweep ran in the last day. `now` for tests.
   * Returns how many files were removed.
   */
  prune(maxAgeDays = RENDER_CACHE_MAX_AGE_DAYS, now = Date.now()): number {
    const marker = path.join(this.dir, "pruned");
    try {
      if (now - fs.statSync(marker).mtimeMs < DAY_MS) return 0;
    } catch {
      /* never swept */
    }
    let removed = 0;
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      return 0;
    }
    for (const n of names) {
      if (!n.endsWith(".json") && !n.endsWith(".tmp")) continue;
      const f = path.join(this.dir, n);
      try {
        if (now - fs.statSync(f).mtimeMs > (n.endsWith(".tmp") ? DAY_MS : maxAgeDays * DAY_MS)) {
          fs.rmSync(f, { force: true });
          removed++;
        }
      } catch {
        /* removed meanwhile */
      }
    }
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(marker, "");
    fs.utimesSync(marker, now / 1000, now / 1000);
    return removed;
  }

  put(name: string, p: RenderedPreview): void {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const file = path.join(this.dir, `${name}.json`);
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ summary: p.summary, sealed: this.seal(p.secretDigests) } satisfies Entry), { mode: 0o600 });
    fs.renameSync(tmp, file);
  }

  private seal(d: SecretDigests): string {
    const iv = crypto.randomBytes(12);
    const c = crypto.createCipheriv("aes-256-gcm", this.secretKey(), iv);
    const body = Buffer.concat([c.update(JSON.stringify(d), "utf8"), c.final()]);
    return [iv, c.getAuthTag(), body].map((b) => b.toString("base64url")).join(".");
  }

  /** The digests of a sealed entry; undefined when it does not open (another key, damaged): render again. */
  private open(sealed: unknown): SecretDigests | undefined {
    if (typeof sealed !== "string") return undefined;
    const [iv, tag, body] = sealed.split(".").map((p) => Buffer.from(p, "base64url"));
    try {
      const d = crypto.createDecipheriv("aes-256-gcm", this.secretKey(), iv);
      d.setAuthTag(tag);
      return JSON.parse(Buffer.concat([d.update(body), d.final()]).toString("utf8")) as SecretDigests;
    } catch {
      return undefined;
    }
  }
}

/** Marks a cache entry as just used (best effort: a read-only cache still serves). */
function touch(file: string): void {
  try {
    const t = new Date();
    fs.utimesSync(file, t, t);
  } catch {
    /* read-only */
  }
}
