/**
 * The hook driver: runs helmfile hooks (`command`/`args`, `kubectlApply`) the way helmfile's event bus does
 * (pkg/event/bus.go): in definition order, argv without a shell, in the state file's directory, with the process's
 * environment plus the release's KUBECONFIG; a non-zero exit fails the hook and stops the event's remaining hooks.
 * The output is kept in memory only: shown as progress lines with `showlogs`, its tail in the error of a failed hook,
 * secrets redacted — never written to the state.
 */
import { spawn } from "node:child_process";
import { PulumiHelmfileError } from "../errors";
import { PrivateTempDir } from "../helm/temp-files";
import { hideSecrets } from "../secrets/forms";
import { commandLine, hooksFor, tail } from "./events";
import type { HookEvent, HookRun } from "./types";

/** The kubectl of `kubectlApply` hooks: $PULUMI_HELMFILE_KUBECTL, else `kubectl` on PATH (helmfile's choice). */
export const KUBECTL_ENV = "PULUMI_HELMFILE_KUBECTL";

/** Where and for which release hooks run. */
export interface HookTarget {
  /** The release's id (`[ctx/]ns/name`), for messages; for global hooks, the state file. */
  releaseId: string;
  /** How messages name what the hooks belong to. @default `release <releaseId>` */
  subject?: string;
  /** Kubeconfig content: written 0600 to a private file named by KUBECONFIG while the hook runs. */
  kubeconfig?: string;
  kubeContext?: string;
  /** Working directory: the state file's directory. @default process.cwd() */
  dir?: string;
  /** Strings never to show (kubeconfig, passwords). */
  secrets?: string[];
}

/** A hook that failed: names the release, event, hook, command line, exit code and the tail of its output. */
export class HookError extends PulumiHelmfileError {
  override readonly name: string = "HookError";
  constructor(
    message: string,
    readonly releaseId: string,
    readonly event: HookEvent,
    readonly hook: string,
    readonly exitCode: number | null,
  ) {
    super(message);
  }
}

/** Output kept per hook, at most (the tail is what errors show). */
const MAX_OUTPUT = 1 << 20;

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  spawnError?: Error;
}

function execute(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Finished> {
  return new Promise((resolve) => {
    let output = "";
    const keep = (b: Buffer) => {
      output += b.toString("utf8");
      if (output.length > MAX_OUTPUT) output = output.slice(-MAX_OUTPUT);
    };
    let child;
    try {
      child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    } catch (e) {
      resolve({ code: null, signal: null, output: "", spawnError: e as Error });
      return;
    }
    let spawnError: Error | undefined;
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", (e) => (spawnError = e));
    child.on("close", (code, signal) => resolve({ code, signal, output, spawnError }));
  });
}

/**
 * Run the hooks of `event` in `operation` for one release; `error`: the failed sync's error text (postsync). Returns
 * how many ran. Throws {@link HookError} at the first failing hook (the following ones do not run, as in helmfile).
 */
export function runHooks(
  hooks: readonly HookRun[] | undefined,
  event: HookEvent,
  operation: "up" | "destroy",
  target: HookTarget,
  o: { error?: string; log: (line: string) => void },
): Promise<number> {
  return runSelected(hooksFor(hooks, event, operation), event, target, o);
}

/** Run `selected` (hooks of `event`, already chosen) in order; see {@link runHooks}. */
export async function runSelected(
  selected: readonly HookRun[],
  event: HookEvent,
  target: HookTarget,
  o: { error?: string; log: (line: string) => void },
): Promise<number> {
  if (selected.length === 0) return 0;
  const subject = target.subject ?? `release ${target.releaseId}`;
  const secrets = [...(target.secrets ?? []), ...(target.kubeconfig ? [target.kubeconfig] : [])];
  const hide = (s: string) => hideSecrets(s, secrets);
  const tmp = target.kubeconfig !== undefined ? new PrivateTempDir("hook") : undefined;
  try {
    const env: NodeJS.ProcessEnv = { ...process.env };
    if (tmp) env.KUBECONFIG = tmp.write("kubeconfig", target.kubeconfig!);
    for (const h of selected) {
      const line = commandLine(h, o.error);
      let command = line.command;
      const args = line.args;
      if (h.kubectlApply) {
        if (command === "kubectl") command = process.env[KUBECTL_ENV] || "kubectl";
        if (target.kubeContext) args.push("--context", target.kubeContext);
      }
      const shown = hide([line.command, ...args].join(" "));
      o.log(`${subject}: ${event} hook ${hide(h.name)}: ${shown}`);
      const r = await execute(command, args, target.dir ?? process.cwd(), env);
      if (h.showlogs && r.output) {
        const prefix = `hook[${event}] logs | `;
        for (const l of r.output.replace(/\n$/, "").split("\n")) o.log(prefix + hide(l));
      }
      if (r.spawnError || r.code !== 0) {
        const how = r.spawnError
          ? `could not be started: ${(r.spawnError as NodeJS.ErrnoException).code === "ENOENT" ? `${line.command}: command not found` : r.spawnError.message}`
          : r.signal ? `was killed by ${r.signal}` : `exited with code ${r.code}`;
        const out = r.output.trim() ? `\n  output (last lines):\n    ${hide(tail(r.output)).split("\n").join("\n    ")}` : "";
        throw new HookError(
          `${subject}: ${event} hook ${hide(h.name)} failed: command \`${shown}\` ${how}${out}`,
          target.releaseId, event, h.name, r.code,
        );
      }
    }
    return selected.length;
  } finally {
    tmp?.remove();
  }
}
