/**
 * Which hooks run when (pure). Pulumi's lifecycle mapped to helmfile's commands:
 * - `pulumi preview` ↔ `helmfile diff`: no hook runs (nothing that can change the cluster runs in a preview);
 * - `pulumi up` ↔ `helmfile apply`: create and update of a release (only a release with changes reaches them, so an
 *   unchanged release runs no hook) run prepare, preapply, presync, then helm, then postsync (also after a failed
 *   helm, with `.Event.Error`), then cleanup;
 * - `pulumi destroy` (and a release removed from the program) ↔ `helmfile destroy`: delete runs prepare, preuninstall,
 *   then `helm uninstall`, then postuninstall (only after a successful uninstall); cleanup only for a release that was
 *   already gone (helmfile v1.8.0 runs cleanup only for the releases it did not delete, pkg/app/app.go `delete`).
 * - global (state-level) hooks: prepare before and cleanup after the state's releases (./global.ts).
 */
import { EVENT_ERROR_MARKER, HookCommand, HookEvent, HookRun } from "./types";

/** The `.HelmfileCommand` helmfile v1.8.0 renders each event's hooks with, for up (apply) and destroy. */
export function helmfileCommandOf(event: HookEvent, operation: "up" | "destroy"): HookCommand {
  // pkg/app/app.go Destroy: WithPreparedCharts("destroy") fires prepare; DeleteReleases and the cleanup use "delete".
  if (operation === "destroy") return event === "prepare" ? "destroy" : "delete";
  // pkg/app/run.go (prepare with the command), app.go TriggerPreapplyEvent("apply"), state.go SyncReleases ("sync").
  return event === "prepare" || event === "preapply" ? "apply" : "sync";
}

/** The hooks of `event` in `operation`, in definition order (helmfile's bus runs them in order, stopping at a failure). */
export function hooksFor(hooks: readonly HookRun[] | undefined, event: HookEvent, operation: "up" | "destroy"): HookRun[] {
  const cmd = helmfileCommandOf(event, operation);
  return (hooks ?? []).filter((h) => h.event === event && h.helmfileCommand === cmd);
}

/** The command line of a run: after a failed sync, a postsync hook's error rendering with the error text put in. */
export function commandLine(h: HookRun, error?: string): { command: string; args: string[] } {
  if (error === undefined || !h.onError) return { command: h.command, args: [...h.args] };
  const put = (s: string) => s.split(EVENT_ERROR_MARKER).join(error);
  return { command: put(h.onError.command), args: h.onError.args.map(put) };
}

/** The last `lines` lines of `text` (trailing blank lines dropped). */
export function tail(text: string, lines = 20): string {
  const all = text.replace(/\s+$/, "").split("\n");
  return (all.length > lines ? ["…", ...all.slice(-lines)] : all).join("\n");
}
