/**
 * Helmfile: a helmfile state — an existing helmfile.yaml / helmfile.yaml.gotmpl loaded unchanged, or the same state
 * declared in TypeScript — as one HelmRelease per selected, installed release.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { loadHelmfile, resolveHelmfileSpec } from "./loader";
import type { HelmfileSpec, HelmfileState } from "./state";
import { reportable } from "./errors";
import { HelmRelease } from "./release";
import { releaseArgs, SharedReleaseOptions, sharedOptionsOf } from "./release-args";
import { envFlag } from "./envFlags";
import { HelmfileLoadError } from "./loader";
import { afterTrigger, beforeTrigger, HelmfileHooks } from "./state-hooks";

/** Load a helmfile from disk. */
export interface HelmfileFileArgs extends SharedReleaseOptions {
  /** helmfile.yaml, helmfile.yaml.gotmpl, or a directory (helmfile's default lookup, helmfile.d/ included). */
  file: string;
  /** helmfile's `-e`. @default $HELMFILE_ENVIRONMENT, else "default" */
  environment?: string;
  /** helmfile's `--state-values-set`, merged last. */
  stateValues?: Record<string, unknown>;
  /** helmfile's `--state-values-file`. */
  stateValuesFiles?: string[];
  /** helmfile's `-l`: each "k=v,k2!=v" (AND within), OR across entries. */
  selectors?: string[];
}

/** State declared in TypeScript with helmfile's keys (values may hold Outputs and secrets). */
export interface HelmfileSpecArgs extends SharedReleaseOptions {
  spec: HelmfileSpec;
  environment?: string;
  stateValues?: Record<string, unknown>;
  selectors?: string[];
  /** Base directory of relative paths in the spec. @default process.cwd() */
  baseDir?: string;
}

export type HelmfileArgs = HelmfileFileArgs | HelmfileSpecArgs;

/**
 * A helmfile state as Pulumi resources. The component's `dependsOn` applies to each release (e.g. a Namespace made by
 * `@pulumi/kubernetes` that the releases go into: created before them, deleted after them).
 */
export class Helmfile extends pulumi.ComponentResource {
  /** The resolved state (pure data: no cluster was contacted to build it). */
  readonly state: Promise<HelmfileState>;
  /** The HelmRelease of each deployed release, by helmfile release id (`[ctx/][ns/]name`). */
  readonly releases: Promise<Record<string, HelmRelease>>;

  constructor(name: string, args: HelmfileArgs, opts?: pulumi.ComponentResourceOptions) {
    super("pulumi-helmfile:index:Helmfile", name, {}, opts);
    const shared = sharedOptionsOf(args);
    // A user error (HelmfileLoadError: file:line:key) fails these promises with one pulumi.ResourceError on this
    // component, reported as its message alone (sdk/errors.ts); a programming error keeps its stack. They fail only
    // once the component is registered: a load error is found within the constructor's tick, and a promise the
    // program derives from these (`export const ids = platform.releases.then(…)`) would fail before Pulumi awaits the
    // program's exports, so Node would call it unhandled and then warn when Pulumi handles it.
    const registered = new Promise<void>((resolve) => this.urn.apply(() => resolve()));
    const fail = async (e: unknown): Promise<never> => {
      await registered;
      throw reportable(e, { resource: this, prefix: `Helmfile ${name}: ` });
    };
    this.state = (
      "file" in args
        ? loadHelmfile(args.file, { environment: args.environment, stateValues: args.stateValues, stateValuesFiles: args.stateValuesFiles, selectors: args.selectors })
        : resolveHelmfileSpec(args.spec, { environment: args.environment, stateValues: args.stateValues, selectors: args.selectors, baseDir: args.baseDir })
    ).catch(fail);
    // A component's dependsOn does not reach its children in Pulumi: pass it on, so the releases wait for what the
    // Helmfile waits for (e.g. the Namespace they go into) and are deleted before it.
    const inherited = opts?.dependsOn;
    this.releases = this.state.then((state) => this.createReleases(name, state, shared, inherited)).catch(fail);
    const releaseIds = this.releases.then((r) => Object.keys(r));
    // The failure is reported once, by the registration of the outputs, which awaits releaseIds only after the
    // component's URN is known. Until then nobody may be awaiting these promises: without a handler, Node would call
    // each an unhandled rejection (Pulumi's runner reports those) and warn when Pulumi handles it later.
    for (const p of [this.state, this.releases, releaseIds]) p.catch(() => undefined);
    this.registerOutputs({ releaseIds });
  }

  /**
   * One HelmRelease per installed release whose condition holds; `needs` become dependsOn over the whole graph,
   * whatever the order of the releases in the files (a release may need one declared after it, or in another
   * sub-helmfile). The loader has already rejected cycles and unknown needs. A state file's global hooks become two
   * HelmfileHooks resources around its own releases (sdk/state-hooks.ts).
   */
  private createReleases(name: string, state: HelmfileState, shared: SharedReleaseOptions, inherited: pulumi.ResourceOptions["dependsOn"]): Record<string, HelmRelease> {
    const deployed = state.releases.filter((r) => r.installed && r.condition?.value !== false);
    const byId = new Map(deployed.map((r) => [r.id, r]));
    const args = new Map(deployed.map((r) => [r.id, releaseArgs(r, shared, state)]));
    const hooksOn = shared.hooks !== false && !envFlag(process.env, "HELMFILE_DISABLE_HOOKS");
    const globals = hooksOn ? (state.globalHooks ?? []) : [];
    const stateName = (file: string) => path.relative(process.cwd(), file) || file;
    const before = new Map<string, HelmfileHooks>();
    for (const g of globals) {
      const own = deployed.filter((r) => r.sourceFile === g.file);
      if (own.length === 0) {
        throw new HelmfileLoadError("global hooks of a state file with no releases of its own deployed here cannot be placed: Pulumi runs them around the state's releases; move them to a state file with releases", { file: g.file, keyPath: "hooks" });
      }
      const trigger = beforeTrigger(Object.fromEntries(own.map((r) => [r.id, args.get(r.id)])));
      const common = { stateFile: g.file, hooks: g.hooks, baseDir: g.baseDir, kubeconfig: shared.kubeconfig };
      before.set(g.file, new HelmfileHooks(`${name}:hooks:${stateName(g.file)}:before`, { ...common, phase: "before", trigger }, { parent: this, dependsOn: inherited }));
    }
    const created: Record<string, HelmRelease> = {};
    const create = (r: (typeof deployed)[number]): HelmRelease => {
      const done = created[r.id];
      if (done) return done;
      const dependsOn: pulumi.Input<pulumi.Resource>[] = r.needs.flatMap((id) => {
        const need = byId.get(id);
        return need ? [create(need)] : [];
      });
      const hooks = before.get(r.sourceFile);
      if (hooks) dependsOn.push(hooks);
      // The component's own dependsOn: a resource, an array, or an Output/Promise of either (Pulumi flattens nesting).
      if (inherited !== undefined) dependsOn.push(inherited as pulumi.Input<pulumi.Resource>);
      // The resource name is the component's plus the release id: stable when other releases come and go.
      return (created[r.id] = new HelmRelease(`${name}:${r.id}`, args.get(r.id)!, { parent: this, dependsOn }));
    };
    deployed.forEach(create);
    for (const g of globals) {
      const own = deployed.filter((r) => r.sourceFile === g.file).map((r) => [r.id, created[r.id]] as const);
      const trigger = afterTrigger(Object.fromEntries(own));
      const common = { stateFile: g.file, hooks: g.hooks, baseDir: g.baseDir, kubeconfig: shared.kubeconfig };
      new HelmfileHooks(`${name}:hooks:${stateName(g.file)}:after`, { ...common, phase: "after", trigger }, { parent: this, dependsOn: own.map(([, r]) => r) });
    }
    return Object.fromEntries(deployed.map((r) => [r.id, created[r.id]]));
  }
}
