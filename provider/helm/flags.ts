/**
 * Options → helm flags for each command, for helm 3 and helm 4 (whose flag names differ; see notes/testbed.md). The
 * flags come from the one table of options (./options.ts); this module only walks it in order and adds what depends
 * on several options at once (helm 4's apply mode).
 */
import { HelmCommand, HelmOptions, OPTION_NAMES, OPTION_RULES } from "./options";

/** The options of `helm upgrade --install` / `helm install` (and `helm template`, which takes the rendering subset). */
export interface InstallFlags extends HelmOptions {
  dryRun?: "client" | "server";
}

/** Values an option has when not given, where helm needs to be told (`--reset-values`, `--include-crds`). */
const DEFAULTS: Partial<HelmOptions> = { reuseValues: false, skipCrds: false };

/** The flags of `command` for these options, in the table's order. Throws OptionError for an impossible option. */
export function helmFlags(command: HelmCommand, major: 3 | 4, o: InstallFlags): string[] {
  const all: HelmOptions = { ...DEFAULTS, ...o };
  const f: string[] = [];
  for (const k of OPTION_NAMES) {
    const v = all[k];
    if (v === undefined) continue;
    f.push(...(OPTION_RULES[k].flags?.(v as never, { command, major, all }) ?? []));
  }
  if (major === 4 && (command === "upgrade" || command === "install")) f.push(...serverSideFlags(command, o, f));
  if (o.dryRun && command !== "uninstall") f.push(`--dry-run=${o.dryRun}`);
  return f;
}

/**
 * helm 4's apply mode. It refuses --force-replace with server-side apply, its default for releases it installed
 * ("auto" follows the previous release): unless server-side is asked for explicitly, a forced update is a client-side
 * replace, as in helm 3. Under server-side apply, adopting an object (`takeOwnership`) also means taking over the
 * fields another manager set (helm 3's client-side apply simply overwrites them): --force-conflicts.
 * `helm install` takes --server-side as a bool, so "auto" (its default) is left out there.
 */
function serverSideFlags(command: "upgrade" | "install", o: HelmOptions, sofar: readonly string[]): string[] {
  const f: string[] = [];
  const forced = command === "upgrade" && o.force;
  const mode = forced && (o.serverSide === undefined || o.serverSide === "auto") ? "false" : o.serverSide;
  if (mode && !(command === "install" && mode === "auto")) f.push(`--server-side=${mode}`);
  if (o.takeOwnership && mode !== "false" && !sofar.includes("--force-conflicts")) f.push("--force-conflicts");
  return f;
}

/** Flags for `helm upgrade --install` on the given major version. */
export function upgradeFlags(major: 3 | 4, o: InstallFlags): string[] {
  return helmFlags("upgrade", major, o);
}

/**
 * Flags for `helm install`: what applies to a first install. Left out by the table: what only an upgrade of an
 * existing release means (`--force`/`--force-replace`, `--history-max`, `--cleanup-on-fail`,
 * `--reuse-values`/`--reset-values`), which `helm install` does not accept.
 */
export function installFlags(major: 3 | 4, o: InstallFlags): string[] {
  return helmFlags("install", major, o);
}

/** Flags for `helm template` (rendering only). */
export function templateFlags(major: 3 | 4, o: HelmOptions): string[] {
  return helmFlags("template", major, o);
}

/** Flags for `helm uninstall`. */
export function uninstallFlags(major: 3 | 4, o: HelmOptions): string[] {
  return helmFlags("uninstall", major, o);
}
