/** Options → helm flags, for helm 3 and helm 4 (whose flag names differ; see notes/testbed.md). */

/** Options of `helm upgrade --install` (and `helm template`, which takes the rendering subset). */
export interface InstallFlags {
  createNamespace?: boolean;
  wait?: boolean;
  waitForJobs?: boolean;
  /** Seconds. */
  timeout?: number;
  /** Roll back (uninstall on first install) when the operation fails: helm 3 `--atomic`, helm 4 `--rollback-on-failure`. */
  atomic?: boolean;
  cleanupOnFail?: boolean;
  skipCrds?: boolean;
  disableHooks?: boolean;
  /** helm 3 `--force`, helm 4 `--force-replace`. */
  force?: boolean;
  historyMax?: number;
  description?: string;
  /** helm 3: a path; helm 4: a plugin name. */
  postRenderer?: string;
  postRendererArgs?: string[];
  reuseValues?: boolean;
  devel?: boolean;
  skipSchemaValidation?: boolean;
  takeOwnership?: boolean;
  /** helm 4 only: "true" | "false" | "auto". */
  serverSide?: string;
  /** Release labels (helm's --labels). */
  labels?: Record<string, string>;
  dryRun?: "client" | "server";
}

/** Flags for `helm upgrade --install` on the given major version. */
export function upgradeFlags(major: 3 | 4, o: InstallFlags): string[] {
  const f: string[] = [];
  if (o.createNamespace) f.push("--create-namespace");
  if (o.wait) f.push(major === 4 ? "--wait=watcher" : "--wait");
  if (o.waitForJobs) {
    if (!o.wait) f.push(major === 4 ? "--wait=watcher" : "--wait");
    f.push("--wait-for-jobs");
  }
  if (o.timeout !== undefined) f.push("--timeout", `${o.timeout}s`);
  if (o.atomic) f.push(major === 4 ? "--rollback-on-failure" : "--atomic");
  if (o.cleanupOnFail) f.push("--cleanup-on-fail");
  if (o.skipCrds) f.push("--skip-crds");
  if (o.disableHooks) f.push("--no-hooks");
  if (o.force) f.push(major === 4 ? "--force-replace" : "--force");
  if (o.historyMax !== undefined) f.push("--history-max", String(o.historyMax));
  if (o.description) f.push("--description", o.description);
  if (o.postRenderer) {
    f.push("--post-renderer", o.postRenderer);
    for (const a of o.postRendererArgs ?? []) f.push("--post-renderer-args", a);
  }
  f.push(o.reuseValues ? "--reuse-values" : "--reset-values");
  if (o.devel) f.push("--devel");
  if (o.skipSchemaValidation) f.push("--skip-schema-validation");
  if (o.takeOwnership) f.push("--take-ownership");
  if (major === 4) {
    // helm 4 refuses --force-replace with server-side apply, its default for releases it installed ("auto" follows
    // the previous release): unless server-side is asked for explicitly, a forced update is a client-side replace,
    // as in helm 3.
    const serverSide = o.force && (o.serverSide === undefined || o.serverSide === "auto") ? "false" : o.serverSide;
    if (serverSide) f.push(`--server-side=${serverSide}`);
    // Under server-side apply, adopting an object also means taking over the fields another manager set (helm 3's
    // client-side apply simply overwrites them); without this the apply fails with a field-manager conflict.
    if (o.takeOwnership && serverSide !== "false") f.push("--force-conflicts");
  }
  const labels = Object.entries(o.labels ?? {});
  if (labels.length) f.push("--labels", labels.map(([k, v]) => `${k}=${v}`).join(","));
  if (o.dryRun) f.push(`--dry-run=${o.dryRun}`);
  return f;
}

/**
 * Flags for `helm install`: the flags of `upgrade --install` that apply to a first install. Left out: what only an
 * upgrade of an existing release means (`--force`/`--force-replace`, `--history-max`, `--cleanup-on-fail`,
 * `--reuse-values`/`--reset-values`), which `helm install` does not accept.
 */
export function installFlags(major: 3 | 4, o: InstallFlags): string[] {
  return upgradeFlags(major, { ...o, force: false, historyMax: undefined, cleanupOnFail: false }).filter((f) => f !== "--reset-values" && f !== "--reuse-values");
}

/** Flags for `helm template` (rendering only). */
export function templateFlags(o: Pick<InstallFlags, "skipCrds" | "disableHooks" | "postRenderer" | "postRendererArgs" | "devel" | "skipSchemaValidation">): string[] {
  const f: string[] = [];
  f.push(o.skipCrds ? "--skip-crds" : "--include-crds");
  if (o.disableHooks) f.push("--no-hooks");
  if (o.postRenderer) {
    f.push("--post-renderer", o.postRenderer);
    for (const a of o.postRendererArgs ?? []) f.push("--post-renderer-args", a);
  }
  if (o.devel) f.push("--devel");
  if (o.skipSchemaValidation) f.push("--skip-schema-validation");
  return f;
}
