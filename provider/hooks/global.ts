/**
 * Global (state-level) hooks: helmfile v1.8.0 fires a state's own `hooks:` only for `prepare`, once before its
 * releases, and `cleanup`, once after them (pkg/app/run.go WithPreparedCharts; pkg/state/state.go
 * triggerGlobalReleaseEvent), with `.HelmfileCommand` the command run (`apply`, `destroy`…).
 *
 * In Pulumi they are two resources per state file (the `Helmfile` component creates them, sdk/state-hooks.ts), so the
 * engine's ordering puts them where helmfile runs them, and nothing runs in a preview:
 * - `before`: every release of the state depends on it. Created or updated (its hooks, or the state's releases as
 *   declared, changed) → runs `prepare` (apply); deleted last on destroy → runs `cleanup` (destroy).
 * - `after`: depends on every release of the state (their revisions are its inputs, so it changes when one is
 *   installed or upgraded). Created or updated → runs `cleanup` (apply); deleted first on destroy → runs `prepare`
 *   (destroy).
 * A failing hook fails the resource: a failing `before` prepare stops the up before any release of the state.
 */
import { isDeepStrictEqual } from "node:util";
import { progress } from "../release/context";
import { runSelected } from "./driver";
import type { HookCommand, HookEvent, HookRun } from "./types";

/** Inputs of a global hooks resource. */
export interface StateHooksInputs {
  /** The state file the hooks come from (messages, the id). */
  stateFile: string;
  phase: "before" | "after";
  /** The runs this resource executes (see the module comment for which). */
  hooks: HookRun[];
  /** The state file's directory: where the hooks run. */
  baseDir: string;
  /** The component's kubeconfig content, as KUBECONFIG of the hooks. */
  kubeconfig?: string;
  /** What makes the resource change when the state's releases do (a digest, or the releases' revisions). */
  trigger?: unknown;
}

/** The event and `.HelmfileCommand` a phase runs in `pulumi up` (create/update) and `pulumi destroy` (delete). */
export function globalEventOf(phase: StateHooksInputs["phase"], operation: "up" | "destroy"): { event: HookEvent; command: HookCommand } {
  const event: HookEvent = (phase === "before") === (operation === "up") ? "prepare" : "cleanup";
  return { event, command: operation === "up" ? "apply" : "destroy" };
}

/** The runs of `phase` in `operation`, in definition order (pure). */
export function globalHooksFor(hooks: readonly HookRun[], phase: StateHooksInputs["phase"], operation: "up" | "destroy"): HookRun[] {
  const { event, command } = globalEventOf(phase, operation);
  return hooks.filter((h) => h.event === event && h.helmfileCommand === command);
}

function run(i: StateHooksInputs, operation: "up" | "destroy"): Promise<number> {
  const { event } = globalEventOf(i.phase, operation);
  const target = { releaseId: i.stateFile, subject: `${i.stateFile} (global hooks)`, kubeconfig: i.kubeconfig, dir: i.baseDir };
  return runSelected(globalHooksFor(i.hooks, i.phase, operation), event, target, { log: progress });
}

/** The provider of global hooks resources (pulumi.dynamic.ResourceProvider shape). */
export const stateHooksProvider = {
  async check(_olds: unknown, news: Record<string, unknown>) {
    return { inputs: news, failures: [] };
  },
  async diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
    const keys = ["stateFile", "phase", "hooks", "baseDir", "kubeconfig", "trigger"];
    return { changes: keys.some((k) => !isDeepStrictEqual(olds[k], news[k])) };
  },
  async create(i: StateHooksInputs) {
    await run(i, "up");
    return { id: `${i.stateFile}#${i.phase}`, outs: i };
  },
  async update(_id: string, _olds: StateHooksInputs, news: StateHooksInputs) {
    await run(news, "up");
    return { outs: news };
  },
  async delete(_id: string, props: StateHooksInputs) {
    await run(props, "destroy");
  },
};
