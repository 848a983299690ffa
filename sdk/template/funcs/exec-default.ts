/** The default command runner for exec/envExec: spawnSync without a shell. */
import { spawnSync } from "node:child_process";

export function defaultExec(command: string, args: string[], opts: { cwd: string; env: Record<string, string | undefined>; stdin?: string }): string {
  const r = spawnSync(command, args, {
    cwd: opts.cwd,
    env: opts.env as NodeJS.ProcessEnv,
    input: opts.stdin,
    shell: false,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw new Error(`exec ${JSON.stringify(command)}: ${r.error.message}`);
  if (r.status !== 0) {
    const how = r.status === null ? `signal ${r.signal}` : `exit status ${r.status}`;
    throw new Error(`command ${JSON.stringify(command)} failed with ${how}: ${(r.stderr ?? "").trim()}`);
  }
  return r.stdout ?? "";
}
