/**
 * A cross-process lock on a path, for processes on one machine sharing the chart cache (several `pulumi` deployments,
 * two stacks, the program and the provider). `mkdir` is atomic; the lock directory holds its owner (pid, host, token)
 * and is touched as a heartbeat. A lock whose owner process is gone (same host) or whose heartbeat stopped is stale
 * and is taken over, so a crashed (SIGKILLed) holder never blocks anyone for long.
 *
 * Correctness of the cache does not rest on this lock alone: entries are published by an atomic rename of a verified
 * download. The lock is what makes N concurrent resolutions cause one download instead of N.
 */
import { PulumiHelmfileError } from "../errors";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface FileLockOptions {
  /** A lock not touched for this long is stale. @default 30000 */
  staleMs?: number;
  /** Give up waiting after this long. @default 600000 */
  timeoutMs?: number;
  /** Called once when the lock is found held by someone else (e.g. to log "waiting for another process"). */
  onWait?: (owner: LockOwner | undefined) => void;
}

export interface LockOwner {
  pid: number;
  host: string;
  token: string;
  since: string;
}

export class LockTimeoutError extends PulumiHelmfileError {
  override readonly name: string = "LockTimeoutError";
}

const OWNER = "owner.json";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readOwner(lockDir: string): LockOwner | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(lockDir, OWNER), "utf8")) as LockOwner;
  } catch {
    return undefined;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Whether the lock at `lockDir` is stale: its owner died (same host) or its heartbeat is older than `staleMs`. */
export function isStale(lockDir: string, staleMs: number): boolean {
  let st: fs.Stats;
  try {
    st = fs.statSync(lockDir);
  } catch {
    return false; // gone: not stale, just free
  }
  const owner = readOwner(lockDir);
  if (owner && owner.host === os.hostname() && !pidAlive(owner.pid)) return true;
  // Owner file not written yet: a holder is between mkdir and write; only the heartbeat age can tell.
  return Date.now() - st.mtimeMs > staleMs;
}

/** Remove a stale lock if it is still the one we judged stale (same owner token, or still ownerless). */
function breakStale(lockDir: string, judged: LockOwner | undefined): void {
  const current = readOwner(lockDir);
  if ((current?.token ?? "") !== (judged?.token ?? "")) return; // someone else took it over meanwhile
  const grave = `${lockDir}.stale-${crypto.randomBytes(6).toString("hex")}`;
  try {
    fs.renameSync(lockDir, grave);
  } catch {
    return;
  }
  fs.rmSync(grave, { recursive: true, force: true });
}

/** A held lock. `release` is idempotent. */
export interface HeldLock {
  readonly path: string;
  release(): void;
}

/** Acquire the lock at `lockDir` (a directory path), waiting with backoff while another live process holds it. */
export async function acquireFileLock(lockDir: string, o: FileLockOptions = {}): Promise<HeldLock> {
  const staleMs = o.staleMs ?? 30_000;
  const deadline = Date.now() + (o.timeoutMs ?? 600_000);
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  let delay = 20;
  let notified = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir, { mode: 0o700 });
      const owner: LockOwner = { pid: process.pid, host: os.hostname(), token: crypto.randomBytes(12).toString("hex"), since: new Date().toISOString() };
      fs.writeFileSync(path.join(lockDir, OWNER), JSON.stringify(owner), { mode: 0o600 });
      const beat = setInterval(() => {
        const now = new Date();
        try {
          fs.utimesSync(lockDir, now, now);
        } catch {
          /* released or broken */
        }
      }, Math.max(250, Math.floor(staleMs / 3)));
      beat.unref();
      let released = false;
      return {
        path: lockDir,
        release() {
          if (released) return;
          released = true;
          clearInterval(beat);
          if (readOwner(lockDir)?.token === owner.token) fs.rmSync(lockDir, { recursive: true, force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const owner = readOwner(lockDir);
    if (isStale(lockDir, staleMs)) {
      breakStale(lockDir, owner);
      continue;
    }
    if (!notified) {
      notified = true;
      o.onWait?.(owner);
    }
    if (Date.now() > deadline) {
      throw new LockTimeoutError(`timed out waiting for lock ${lockDir} held by pid ${owner?.pid ?? "?"} on ${owner?.host ?? "?"}`);
    }
    await sleep(delay);
    delay = Math.min(500, Math.round(delay * 1.6));
  }
}

/** Run `fn` holding the lock. */
export async function withFileLock<T>(lockDir: string, fn: () => Promise<T>, o?: FileLockOptions): Promise<T> {
  const lock = await acquireFileLock(lockDir, o);
  try {
    return await fn();
  } finally {
    lock.release();
  }
}
