/**
 * The helm options of a release, declared once. {@link HelmOptions} gives each option its type, documentation and
 * default; {@link OPTION_RULES} says, for every one of them, what it does on each helm command for helm 3 and helm 4
 * (or which code implements it), and whether the preview render must see it. The table is typed as a total map over
 * the options, so an option added to the interface without a rule fails `npm run lint`; the provider's inputs, the
 * SDK's `HelmReleaseArgs` and the helmfile loader's mapping are derived from or checked against the interface.
 */
import { PulumiHelmfileError } from "../errors";

/** Release options, as helmfile names them (camelCase), with helmfile's defaults. */
export interface HelmOptions {
  /** Create the namespace if missing (`--create-namespace`). @default true */
  createNamespace?: boolean;
  /** Wait until resources are ready: helm 3 `--wait`, helm 4 `--wait=watcher`. @default false */
  wait?: boolean;
  /** Also wait for Jobs to complete (`--wait-for-jobs`; implies `wait`). @default false */
  waitForJobs?: boolean;
  /** Seconds helm waits for an operation (`--timeout`). @default 300 */
  timeout?: number;
  /** Roll back a failed upgrade (uninstall a failed install): helm 3 `--atomic`, helm 4 `--rollback-on-failure`. @default false */
  atomic?: boolean;
  /** helm 4's name of `atomic`; on helm 3 it means `--atomic`. @default false */
  rollbackOnFailure?: boolean;
  /** Delete new resources of a failed upgrade (`--cleanup-on-fail`). @default false */
  cleanupOnFail?: boolean;
  /** Do not install the chart's `crds/` (`--skip-crds`). helmfile: `helmDefaults.skipCRDs`. @default false */
  skipCrds?: boolean;
  /** Do not run chart hooks (`--no-hooks`). @default false */
  disableHooks?: boolean;
  /** Replace resources that cannot be patched: helm 3 `--force`, helm 4 `--force-replace`. @default false */
  force?: boolean;
  /** helm 4 server-side apply: take over fields other managers own (`--force-conflicts`). helm 4 only. @default false */
  forceConflicts?: boolean;
  /** Revisions kept in the release history (`--history-max`). @default helm's (10) */
  historyMax?: number;
  /** Release description (`--description`). */
  description?: string;
  /** helm 3: path of a post-renderer executable; helm 4: a post-renderer plugin name (a `*.sh`/`*.bash` path becomes its base name, as in helmfile). */
  postRenderer?: string;
  /** Arguments of the post-renderer (`--post-renderer-args`). */
  postRendererArgs?: string[];
  /** Keep the release's previous values and merge these in (`--reuse-values`; else `--reset-values`). @default false */
  reuseValues?: boolean;
  /** Allow pre-release chart versions (`--devel`). @default false */
  devel?: boolean;
  /** Let templates resolve DNS (`--enable-dns`). @default false */
  enableDNS?: boolean;
  /** Do not validate values against the chart's JSON schema (`--skip-schema-validation`). @default false */
  skipSchemaValidation?: boolean;
  /** Adopt existing Kubernetes objects into the release (`--take-ownership`). @default false */
  takeOwnership?: boolean;
  /** helm 4 apply mode (`--server-side`): "true", "false" or "auto". helm 3 applies client-side only. */
  serverSide?: string;
  /** Do not validate rendered objects against the API server's OpenAPI schema (`--disable-openapi-validation`). @default false */
  disableOpenAPIValidation?: boolean;
  /** Kubernetes version for `.Capabilities` in the preview render (`helm template --kube-version`). */
  kubeVersion?: string;
  /** API versions for `.Capabilities.APIVersions` in the preview render (`helm template --api-versions`). */
  apiVersions?: string[];
  /** On delete, wait until the objects are gone (`helm uninstall --wait`). @default false */
  deleteWait?: boolean;
  /** On delete, seconds to wait (`helm uninstall --timeout`). */
  deleteTimeout?: number;
  /** On delete, how dependents are deleted (`helm uninstall --cascade`): "background", "orphan" or "foreground". */
  cascade?: string;
  /** Extra arguments appended to every helm command of the release (helmfile's `helmDefaults.args`). */
  args?: string[];
  /** Extra arguments of `helm upgrade`/`helm install` (helmfile's `helmDefaults.syncArgs`). */
  syncArgs?: string[];
  /** Extra arguments of `helm template` (helmfile's `helmDefaults.templateArgs`). */
  templateArgs?: string[];
  /**
   * `reinstallIfForbidden`: when an upgrade fails because Kubernetes forbids the update (an immutable field), the
   * release is uninstalled (waiting, `deleteTimeout`) and installed again, as helmfile does.
   */
  updateStrategy?: string;
  /** helm release labels (`--labels`; helmfile: the release's labels when `syncReleaseLabels`). */
  labels?: Record<string, string>;
}

/** The helm commands a release runs. */
export type HelmCommand = "upgrade" | "install" | "template" | "uninstall";

/** What an option does: its flags per command and helm major (none: `[]`), or the code that implements it. */
export interface OptionRule<T> {
  /** The flags for value `v` (never called for undefined). May throw {@link OptionError} (e.g. helm 4 only). */
  flags?: (v: T, on: { command: HelmCommand; major: 3 | 4; all: HelmOptions }) => string[];
  /** Where the option is implemented when it is not (only) a flag. */
  implementedBy?: string;
  /** Whether the preview render (`helm template`) depends on it: part of the render's cache key. */
  preview: boolean;
}

/** An option that cannot take effect with this helm (or in this combination): the operation fails, nothing changes. */
export class OptionError extends PulumiHelmfileError {
  override readonly name: string = "OptionError";
}

const on = (...commands: HelmCommand[]) => (c: HelmCommand) => commands.includes(c);
const upgrading = on("upgrade", "install");
const flag = (name: string, when: (c: HelmCommand) => boolean) => (v: boolean, o: { command: HelmCommand }) => (v && when(o.command) ? [name] : []);
const valued = (name: string, when: (c: HelmCommand) => boolean, fmt: (v: never) => string = String) =>
  (v: unknown, o: { command: HelmCommand }) => (when(o.command) ? [name, fmt(v as never)] : []);
const repeated = (name: string, when: (c: HelmCommand) => boolean) => (v: string[], o: { command: HelmCommand }) => (when(o.command) ? v.flatMap((x) => [name, x]) : []);
const extra = (when: (c: HelmCommand) => boolean) => (v: string[], o: { command: HelmCommand }) => (when(o.command) ? [...v] : []);
const waitFlag = (major: 3 | 4) => (major === 4 ? "--wait=watcher" : "--wait");

/** The helm 4 plugin name of a post-renderer written as a script path (helmfile's rule: `x/add-labels.bash` → `add-labels`). */
export function postRendererName(major: 3 | 4, v: string): string {
  if (major === 3) return v;
  const m = /([^/]+)\.(sh|bash)$/.exec(v);
  return m ? m[1] : v;
}

/** Every option's rule. Typed as total over {@link HelmOptions}: a new option without a rule does not compile. */
export const OPTION_RULES: { [K in keyof Required<HelmOptions>]: OptionRule<NonNullable<HelmOptions[K]>> } = {
  createNamespace: { preview: false, flags: flag("--create-namespace", upgrading) },
  wait: { preview: false, flags: (v, o) => (v && upgrading(o.command) ? [waitFlag(o.major)] : []) },
  waitForJobs: { preview: false, flags: (v, o) => (v && upgrading(o.command) ? [...(o.all.wait ? [] : [waitFlag(o.major)]), "--wait-for-jobs"] : []) },
  timeout: { preview: false, flags: valued("--timeout", upgrading, (s: number) => `${s}s`) },
  atomic: { preview: false, flags: (v, o) => (v && upgrading(o.command) ? [o.major === 4 ? "--rollback-on-failure" : "--atomic"] : []) },
  rollbackOnFailure: {
    preview: false,
    flags: (v, o) => (v && !o.all.atomic && upgrading(o.command) ? [o.major === 4 ? "--rollback-on-failure" : "--atomic"] : []),
  },
  cleanupOnFail: { preview: false, flags: flag("--cleanup-on-fail", on("upgrade")) },
  skipCrds: { preview: true, flags: (v, o) => (o.command === "template" ? [v ? "--skip-crds" : "--include-crds"] : v && upgrading(o.command) ? ["--skip-crds"] : []) },
  disableHooks: { preview: true, flags: flag("--no-hooks", on("upgrade", "install", "template", "uninstall")) },
  force: { preview: false, flags: (v, o) => (v && o.command === "upgrade" ? [o.major === 4 ? "--force-replace" : "--force"] : []) },
  forceConflicts: {
    preview: false,
    flags: (v, o) => {
      if (!v || !upgrading(o.command)) return [];
      if (o.major === 3) throw new OptionError("forceConflicts needs helm 4 (server-side apply); helm 3 has no --force-conflicts");
      if (o.all.force) throw new OptionError("force and forceConflicts are mutually exclusive (as in helmfile)");
      return ["--force-conflicts"];
    },
  },
  historyMax: { preview: false, flags: valued("--history-max", on("upgrade")) },
  description: { preview: false, flags: valued("--description", upgrading) },
  postRenderer: { preview: true, flags: (v, o) => (o.command === "uninstall" ? [] : ["--post-renderer", postRendererName(o.major, v)]) },
  postRendererArgs: {
    preview: true,
    flags: (v, o) => {
      const args = v.filter((a) => a !== ""); // helmfile drops empty arguments
      if (!args.length || o.command === "uninstall") return [];
      if (!o.all.postRenderer) throw new OptionError("postRendererArgs without a postRenderer: there is nothing to pass them to");
      return args.flatMap((a) => ["--post-renderer-args", a]);
    },
  },
  reuseValues: { preview: false, flags: (v, o) => (o.command === "upgrade" ? [v ? "--reuse-values" : "--reset-values"] : []) },
  devel: { preview: true, flags: flag("--devel", on("upgrade", "install", "template")), implementedBy: "the chart cache (ranges include pre-releases)" },
  enableDNS: { preview: true, flags: flag("--enable-dns", on("upgrade", "install", "template")) },
  skipSchemaValidation: { preview: true, flags: flag("--skip-schema-validation", on("upgrade", "install", "template")) },
  takeOwnership: { preview: false, flags: flag("--take-ownership", upgrading) },
  serverSide: {
    preview: false,
    implementedBy: "provider/helm/flags.ts serverSideFlags (helm 4)",
    flags: (v, o) => {
      if (!["true", "false", "auto"].includes(v)) throw new OptionError(`serverSide must be "true", "false" or "auto", not '${v}'`);
      if (o.major === 3) {
        if (v === "true") throw new OptionError('serverSide: "true" needs helm 4; helm 3 applies client-side only');
        return [];
      }
      return []; // helm 4's --server-side depends on force and takeOwnership too: flags.ts serverSideFlags
    },
  },
  disableOpenAPIValidation: { preview: false, flags: flag("--disable-openapi-validation", upgrading) },
  kubeVersion: { preview: true, flags: valued("--kube-version", on("template")) },
  apiVersions: { preview: true, flags: repeated("--api-versions", on("template")) },
  deleteWait: { preview: false, flags: (v, o) => (v && o.command === "uninstall" ? ["--wait"] : []) },
  deleteTimeout: { preview: false, flags: valued("--timeout", on("uninstall"), (s: number) => `${s}s`) },
  cascade: {
    preview: false,
    flags: (v, o) => {
      if (!["background", "orphan", "foreground"].includes(v)) throw new OptionError(`cascade must be "background", "orphan" or "foreground", not '${v}'`);
      return o.command === "uninstall" ? [`--cascade=${v}`] : [];
    },
  },
  args: { preview: true, flags: extra(on("upgrade", "install", "template", "uninstall")) },
  syncArgs: { preview: false, flags: extra(upgrading) },
  templateArgs: { preview: true, flags: extra(on("template")) },
  updateStrategy: {
    preview: false,
    implementedBy: "provider/release/apply.ts (reinstall when Kubernetes forbids the update)",
    flags: (v) => {
      if (v !== "reinstallIfForbidden") throw new OptionError(`updateStrategy must be "reinstallIfForbidden", not '${v}'`);
      return [];
    },
  },
  labels: {
    preview: false,
    flags: (v, o) => {
      const l = Object.entries(v);
      return l.length && upgrading(o.command) ? ["--labels", l.map(([k, x]) => `${k}=${x}`).join(",")] : [];
    },
  },
};

/** The option names, in the table's order. */
export const OPTION_NAMES = Object.keys(OPTION_RULES) as (keyof HelmOptions)[];

/** The options the preview render depends on (for its cache key). */
export function previewOptions(o: HelmOptions): Partial<HelmOptions> {
  return Object.fromEntries(OPTION_NAMES.filter((k) => OPTION_RULES[k].preview && o[k] !== undefined).map((k) => [k, o[k]]));
}
