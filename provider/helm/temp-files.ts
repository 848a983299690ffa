/**
 * Private temporary files for helm: values files, kubeconfigs, registry configs. Each operation gets its own directory
 * (0700) whose files are 0600, removed when the operation ends, even when helm is killed. Directories are named after
 * the owning process, so a crashed process's leftovers are swept by the next process (`sweepStaleTempDirs`).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const PREFIX = "pulumi-helmfile-";

/** The root under which private temp directories are created. */
export function tempRoot(): string {
  return process.env.PULUMI_HELMFILE_TMPDIR || os.tmpdir();
}

/** A private directory owned by this process. */
export class PrivateTempDir {
  readonly path: string;
  private counter = 0;

  /**
   * `untilExit`: the directory lives as long as the process (helm homes holding registry logins and repository
   * credentials) and is removed when the process exits or is stopped by SIGINT/SIGTERM/SIGHUP (a SIGKILLed process's
   * leftovers are swept by the next process).
   */
  constructor(label: string, o: { untilExit?: boolean } = {}) {
    this.path = fs.mkdtempSync(path.join(tempRoot(), `${PREFIX}${process.pid}-${label}-`));
    fs.chmodSync(this.path, 0o700);
    if (o.untilExit) removeAtExit(this.path);
  }

  /** Write `content` to a new 0600 file named after `name`; returns its path. */
  write(name: string, content: string | Buffer): string {
    const file = path.join(this.path, `${++this.counter}-${name}`);
    fs.writeFileSync(file, content, { mode: 0o600, flag: "wx" });
    return file;
  }

  /** A subdirectory (0700). */
  dir(name: string): string {
    const d = path.join(this.path, name);
    fs.mkdirSync(d, { recursive: true, mode: 0o700 });
    return d;
  }

  remove(): void {
    fs.rmSync(this.path, { recursive: true, force: true });
  }
}

const atExit = new Set<string>();
let exitHooked = false;

function removeAtExitNow(): void {
  for (const d of atExit) {
    try {
      fs.rmSync(d, { recursive: true, force: true });
    } catch {
      /* best effort at exit */
    }
  }
  atExit.clear();
}

function removeAtExit(dir: string): void {
  atExit.add(dir);
  if (exitHooked) return;
  exitHooked = true;
  process.once("exit", removeAtExitNow);
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(sig, () => {
      removeAtExitNow();
      // Keep the signal's default behaviour unless someone else handles it.
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
    });
  }
}

/** Run `fn` with a private temp dir that is removed afterwards, whatever happens. */
export async function withTempDir<T>(label: string, fn: (dir: PrivateTempDir) => Promise<T>): Promise<T> {
  const dir = new PrivateTempDir(label);
  try {
    return await fn(dir);
  } finally {
    dir.remove();
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

let swept = false;

/** Remove temp directories left by processes of this machine that no longer run (once per process). */
export function sweepStaleTempDirs(): void {
  if (swept) return;
  swept = true;
  let entries: string[] = [];
  try {
    entries = fs.readdirSync(tempRoot());
  } catch {
    return;
  }
  for (const e of entries) {
    const m = new RegExp(`^${PREFIX}(\\d+)-`).exec(e);
    if (!m || Number(m[1]) === process.pid || pidAlive(Number(m[1]))) continue;
    fs.rmSync(path.join(tempRoot(), e), { recursive: true, force: true });
  }
}
