/**
 * helmfile's hooks as the provider receives them: one entry per hook and event, already rendered by the loader with
 * helmfile's template data (`.Release`, `.Values`, `.Environment`, `.Event.Name`, `.HelmfileCommand`). Only
 * `.Event.Error` is known at run time: a `postsync` entry carries a second rendering, `onError`, made with
 * {@link EVENT_ERROR_MARKER} as the error, in which the provider puts the failed sync's error text.
 */

/** The events of helmfile v1 (docs/hooks.md), in the order helmfile fires them for one release. */
export const HOOK_EVENTS = ["prepare", "preapply", "presync", "postsync", "preuninstall", "postuninstall", "cleanup"] as const;
export type HookEvent = (typeof HOOK_EVENTS)[number];

/**
 * helmfile's `.HelmfileCommand` of a hook run: `apply`/`sync` on `pulumi up`; on `pulumi destroy`, `destroy` for
 * prepare (and global hooks) and `delete` for the uninstall events and cleanup.
 */
export type HookCommand = "apply" | "sync" | "destroy" | "delete";

/** Stands for `.Event.Error` in a postsync hook's `onError` rendering; replaced by the error text when it runs. */
export const EVENT_ERROR_MARKER = "__PULUMI_HELMFILE_EVENT_ERROR__";

/** One hook, for one event, as run. */
export interface HookRun {
  /** helmfile's name of the hook: `name`, else `kubectlApply`, else the command (before rendering). */
  name: string;
  event: HookEvent;
  /** The `.HelmfileCommand` it was rendered with, which says in which operation it runs (see {@link HookCommand}). */
  helmfileCommand: HookCommand;
  /** The rendered command (`kubectl` for a `kubectlApply` hook). */
  command: string;
  /** The rendered arguments, passed as argv (no shell). */
  args: string[];
  /** Print the hook's output as progress lines (helmfile's `showlogs`). It never lands in the state. */
  showlogs?: boolean;
  /** A `kubectlApply` hook: kubectl is the testbed's (PULUMI_HELMFILE_KUBECTL) and gets the release's `--context`. */
  kubectlApply?: boolean;
  /** postsync only: the rendering with `.Event.Error` set to {@link EVENT_ERROR_MARKER}, used after a failed sync. */
  onError?: { command: string; args: string[] };
}
