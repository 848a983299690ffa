/**
 * What `template`'s flags do to one release, as helmfile v1.8.0 does it (pkg/state TemplateReleases,
 * flagsForTemplate, appendPostRenderFlags; pkg/app template): the release inputs the provider renders, and the extra
 * `helm template` arguments.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { ReleaseInputs } from "../../provider/release/inputs";
import type { HelmfileState, ResolvedRelease } from "../state/types";
import { boolFlag, listFlag, stringFlag, UsageError } from "./args";
import { collectArgs } from "../loader/collectArgs";
import type { FlagValue } from "./flags";

/** The template command's options, from its flags (and the process environment). */
export interface TemplateOptions {
  /** `-b`, else `$PULUMI_HELMFILE_HELM` / `$HELMFILE_HELM_BINARY` (the state's `helmBinary` comes between: {@link cliHelmBinary}). */
  helmBinary: (stateHelmBinary: string | undefined) => string | undefined;
  ociPlainHttp: boolean;
  /** `-k`/`--kustomize-binary` (wins over the state's `kustomizeBinary`). */
  kustomizeBinary?: string;
  kubeconfig?: string;
  skipDeps: boolean;
  /** `--values`, absolute. */
  values: string[];
  set: string[];
  args?: string;
  templateArgs?: string;
  kubeVersion?: string;
  showOnly: string[];
  includeCrds: boolean;
  skipTests: boolean;
  noHooks: boolean;
  validate: boolean;
  skipSchemaValidation: boolean;
  postRenderer?: string;
  postRendererArgs: string[];
}

/** The CLI's helm: `-b`, then the state's `helmBinary`, then `$PULUMI_HELMFILE_HELM` / `$HELMFILE_HELM_BINARY`. */
export function cliHelmBinary(flags: ReadonlyMap<string, FlagValue>, env: Record<string, string | undefined>, stateHelmBinary: string | undefined): string | undefined {
  return stringFlag(flags, "helm-binary") || stateHelmBinary || env.PULUMI_HELMFILE_HELM || env.HELMFILE_HELM_BINARY || undefined;
}

/** The options of `flags`; a `--values` file that does not exist is a usage error (helmfile fails too). */
export function templateOptionsOf(flags: ReadonlyMap<string, FlagValue>, env: Record<string, string | undefined>): TemplateOptions {
  const values = listFlag(flags, "values").map((v) => path.resolve(v));
  for (const v of values) if (!fs.existsSync(v)) throw new UsageError(`--values file '${v}' not found`);
  return {
    helmBinary: (stateHelmBinary) => cliHelmBinary(flags, env, stateHelmBinary),
    ociPlainHttp: boolFlag(flags, "oci-plain-http"),
    kustomizeBinary: stringFlag(flags, "kustomize-binary") || undefined,
    kubeconfig: stringFlag(flags, "kubeconfig") || undefined,
    skipDeps: boolFlag(flags, "skip-deps"),
    values,
    set: listFlag(flags, "set"),
    args: stringFlag(flags, "args"),
    templateArgs: stringFlag(flags, "template-args"),
    kubeVersion: stringFlag(flags, "kube-version") || undefined,
    showOnly: listFlag(flags, "show-only").filter((s) => s !== ""),
    includeCrds: boolFlag(flags, "include-crds"),
    skipTests: boolFlag(flags, "skip-tests"),
    noHooks: boolFlag(flags, "no-hooks"),
    validate: boolFlag(flags, "validate"),
    skipSchemaValidation: boolFlag(flags, "skip-schema-validation"),
    postRenderer: stringFlag(flags, "post-renderer") || undefined,
    postRendererArgs: listFlag(flags, "post-renderer-args"),
  };
}

/**
 * helmfile's precedence for the post-renderer: the release's, then the flag's, then helmDefaults'. The loader has
 * already filled a release's unset value from helmDefaults, so a value equal to helmDefaults' counts as unset.
 */
function postRendererOf(r: ResolvedRelease, state: HelmfileState, o: TemplateOptions): { postRenderer?: string; postRendererArgs?: string[] } {
  const own = r.options.postRenderer && r.options.postRenderer !== state.helmDefaults.postRenderer ? r.options.postRenderer : undefined;
  const ownArgs = r.options.postRendererArgs?.length && r.options.postRendererArgs !== state.helmDefaults.postRendererArgs ? r.options.postRendererArgs : undefined;
  return {
    postRenderer: own ?? o.postRenderer ?? r.options.postRenderer,
    postRendererArgs: ownArgs ?? (o.postRendererArgs.length ? o.postRendererArgs : r.options.postRendererArgs),
  };
}

/** The inputs `template` renders a release with: `base` (the release's own) changed by the flags. */
export function templateInputsOf(base: ReleaseInputs, r: ResolvedRelease, state: HelmfileState, o: TemplateOptions): ReleaseInputs {
  const oci = r.chartRef.kind === "oci";
  return {
    ...base,
    helmBinary: o.helmBinary(base.helmBinary),
    ...(o.kustomizeBinary ? { kustomizeBinary: o.kustomizeBinary } : {}),
    // --kube-version wins over the release's; --skip-schema-validation adds to it; --template-args replaces
    // helmDefaults.templateArgs; --args comes before helmDefaults.args (helmfile's order).
    kubeVersion: o.kubeVersion ?? base.kubeVersion,
    skipSchemaValidation: o.skipSchemaValidation || base.skipSchemaValidation,
    templateArgs: o.templateArgs ? collectArgs(o.templateArgs) : base.templateArgs,
    args: [...collectArgs(o.args ?? ""), ...(base.args ?? [])],
    // CLI values files come after the release's values and before its `set` (which helm applies over every file).
    values: [...(base.values ?? []), ...o.values],
    // helmfile template leaves CRDs out unless --include-crds, whatever skipCRDs says (it is an install option).
    skipCrds: !o.includeCrds,
    disableHooks: o.noHooks || base.disableHooks,
    ...postRendererOf(r, state, o),
    ...(oci && o.ociPlainHttp ? { plainHttp: true, repository: base.repository && { ...base.repository, plainHttp: true } } : {}),
    // helmfile's --oci-plain-http reaches chartify's `helm dependency up` too (--plain-http for OCI dependencies).
    ...(o.ociPlainHttp && base.dependencies ? { dependencies: base.dependencies.map((d) => (d.chart.startsWith("oci://") ? { ...d, plainHttp: true } : d)) } : {}),
    skipDeps: o.skipDeps || r.options.skipDeps,
  };
}

/**
 * The extra `helm template` arguments of the CLI's own flags, which are not release options (those, the release's
 * enableDNS, apiVersions, kubeVersion, templateArgs and args included, reach helm through the option table).
 */
export function templateArgsOf(o: TemplateOptions): string[] {
  const a: string[] = [];
  if (o.kubeconfig) a.push("--kubeconfig", o.kubeconfig);
  for (const s of o.showOnly) a.push("--show-only", s);
  for (const s of o.set) a.push("--set", s);
  if (o.validate) a.push("--validate");
  if (o.skipTests) a.push("--skip-tests");
  return a;
}
