/** Running the real CLIs under test: timed, with an explicit environment, never through a shell. */
import { spawn } from "node:child_process";
import * as fs from "node:fs";

export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall time from spawn to exit. */
  ms: number;
  pid: number;
}

export interface ExecOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Kill after this long. @default 600000 */
  timeoutMs?: number;
  /** Throw when the exit code is not 0. @default true */
  check?: boolean;
  /** Called with the child's PID as soon as it is spawned (e.g. to sample its memory). */
  onSpawn?: (pid: number) => void;
}

/** Run `cmd args` to completion and time it; throws with stderr on a non-zero exit unless `check: false`. */
export function execTimed(cmd: string, args: string[], o: ExecOptions = {}): Promise<ExecResult> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: o.env ?? process.env, cwd: o.cwd, stdio: ["ignore", "pipe", "pipe"] });
    if (child.pid !== undefined) o.onSpawn?.(child.pid);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), o.timeoutMs ?? 600_000);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      const r = { code, stdout, stderr, ms: performance.now() - t0, pid: child.pid ?? -1 };
      if ((o.check ?? true) && code !== 0) {
        reject(new Error(`${cmd} ${args.join(" ")} exited with ${code}:\n${stderr.slice(-2000)}`));
        return;
      }
      resolve(r);
    });
  });
}

/** Time `fn` (wall clock, ms) and return its value too. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** Create a directory (and parents); returns it. */
export function mkdirp(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
