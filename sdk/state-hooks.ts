/**
 * HelmfileHooks: a state file's global (state-level) hooks as two resources around its releases, so Pulumi's ordering
 * runs them where helmfile does (provider/hooks/global.ts says which event runs on create/update and on delete).
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import type { HookRun, StateHooksInputs } from "../provider";
import { ShimResource, stateHooksProviderText } from "./shim";

/** Arguments of {@link HelmfileHooks}. */
export interface HelmfileHooksArgs {
  /** The state file the hooks come from. */
  stateFile: string;
  /** `before`: the state's releases depend on it; `after`: it depends on them. */
  phase: "before" | "after";
  /** Every global hook run of the state file (the resource keeps those of its phase). */
  hooks: HookRun[];
  /** Where the hooks run: the state file's directory. */
  baseDir: string;
  /** KUBECONFIG content of the hooks; mark it secret. */
  kubeconfig?: pulumi.Input<string>;
  /** What makes it change with the releases: see {@link beforeTrigger} and {@link afterTrigger}. */
  trigger: pulumi.Input<unknown>;
}

/** The runs a phase executes: `before` prepare (up) and cleanup (destroy); `after` cleanup (up) and prepare (destroy). */
function runsOf(hooks: HookRun[], phase: HelmfileHooksArgs["phase"]): HookRun[] {
  const keep = phase === "before" ? ["prepare/apply", "cleanup/destroy"] : ["cleanup/apply", "prepare/destroy"];
  return hooks.filter((h) => keep.includes(`${h.event}/${h.helmfileCommand}`));
}

/** One phase of a state file's global hooks. */
export class HelmfileHooks extends ShimResource {
  constructor(name: string, args: HelmfileHooksArgs, opts?: pulumi.CustomResourceOptions) {
    const inputs: { [K in keyof StateHooksInputs]: pulumi.Input<StateHooksInputs[K]> | undefined } = {
      stateFile: args.stateFile,
      phase: args.phase,
      hooks: runsOf(args.hooks, args.phase),
      baseDir: args.baseDir,
      kubeconfig: args.kubeconfig === undefined ? undefined : pulumi.secret(args.kubeconfig),
      trigger: args.trigger,
    };
    super(stateHooksProviderText, "HelmfileHooks", name, inputs, opts);
  }
}

/**
 * The `before` trigger: a digest of the releases' arguments as the program declares them, so the state's prepare runs
 * on an up that changes how one of its releases is declared. A Pulumi secret (encrypted in the state): the
 * arguments may hold secrets, and an unkeyed digest must not be shown.
 */
export function beforeTrigger(releaseArgs: Record<string, unknown>): pulumi.Output<string> {
  return pulumi.secret(pulumi.output(releaseArgs).apply((a) => createHash("sha256").update(JSON.stringify(a)).digest("hex")));
}

/** The `after` trigger: each release's revision and deploy time, which change whenever it is installed or upgraded. */
export function afterTrigger(releases: Record<string, { revision: pulumi.Output<number>; lastDeployed: pulumi.Output<string> }>): pulumi.Output<unknown> {
  return pulumi.output(Object.fromEntries(Object.entries(releases).map(([id, r]) => [id, pulumi.all([r.revision, r.lastDeployed])])));
}
