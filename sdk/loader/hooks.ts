/**
 * A release's `hooks:` → the hook runs the provider executes (provider/hooks/types.ts). helmfile renders a hook's
 * command and args when the event fires (pkg/event/bus.go runHook) with: `.Environment`, `.Namespace` (the state's
 * namespace override), `.Values`, `.Release` (the release spec, Go field names: `.Release.Name`, `.Release.Version`,
 * `.Release.Labels`…), `.HelmfileCommand` and `.Event.{Name,Error}`. Everything but `.Event.Error` is known when the
 * state is loaded, so each hook is rendered here once per event it subscribes to; a postsync hook is rendered a
 * second time with a marker standing for the error, which the provider replaces with the failed sync's error text
 * (templates that only print or test `.Event.Error` behave as in helmfile; one that transforms the text, e.g.
 * `upper`, transforms the marker instead).
 *
 * Differences from helmfile (sdk/loader/README.md): template functions in hook args (`exec`, `readFile`…) run at load
 * time, also in a preview; `kubectlApply` with both or neither of `filename`/`kustomize`, and a hook without a
 * command, are load errors (helmfile fails when the event fires).
 */
import type { HookSpec, ReleaseSpec } from "../state/types";
import { EVENT_ERROR_MARKER, HOOK_EVENTS, type HookEvent, type HookRun } from "../../provider/hooks/types";
import { helmfileCommandOf } from "../../provider/hooks/events";
import { HelmfileLoadError } from "./errors";
import type { PlainMap } from "./plainObject";
import { renderText, type RenderContext } from "./render";
import type { ReleaseTemplateScope } from "./releaseTemplating";

/** `.Release` of a hook template: the release spec under Go's field names (helmfile passes its *ReleaseSpec). */
function releaseData(r: ReleaseSpec): PlainMap {
  const out: PlainMap = { Name: "", Namespace: "", Chart: "", Version: "", KubeContext: "", Labels: {} };
  for (const [k, v] of Object.entries(r)) if (v !== undefined && k !== "hooks") out[k[0].toUpperCase() + k.slice(1)] = v as PlainMap[string];
  return out;
}

/** The operations an event runs in: prepare and cleanup in both, the uninstall events on destroy, the others on up. */
function operationsOf(event: HookEvent): ("up" | "destroy")[] {
  if (event === "cleanup" || event === "prepare") return ["up", "destroy"];
  return event === "preuninstall" || event === "postuninstall" ? ["destroy"] : ["up"];
}

/** Stands for a nil `.Event.Error` that is printed (see {@link renderNil}). */
const NIL_TOKEN = "__PULUMI_HELMFILE_NIL_ERROR__";

type Rendered = { command: string; args: string[] };

/**
 * The rendering with `.Event.Error` nil. Go prints a nil error field as `<nil>`; the template engine prints a null
 * value as `<no value>` (what Go prints for a missing map key). So the text is also rendered with a token for the
 * error: when that rendering differs from the null one only by the token where `<no value>` is, the error was only
 * printed, and the token becomes `<nil>`; otherwise (the template tests it) the null rendering is right.
 */
function renderNil(render: (error: string | null) => Rendered): Rendered {
  const a = render(null);
  const b = render(NIL_TOKEN);
  const same = (x: string, y: string) => x.split(NIL_TOKEN).join("<no value>") === y;
  if (!same(b.command, a.command) || b.args.some((x, j) => !same(x, a.args[j]))) return a;
  const nil = (x: string) => x.split(NIL_TOKEN).join("<nil>");
  return { command: nil(b.command), args: b.args.map(nil) };
}

/** A hook's name, command and args before rendering (kubectlApply rewritten as helmfile's bus does). */
function hookCommand(h: HookSpec, key: string, rc: RenderContext): { name: string; command: string; args: string[] } {
  if (h.kubectlApply) {
    const name = h.name || "kubectlApply";
    const { filename, kustomize } = h.kubectlApply;
    if (filename !== undefined && kustomize !== undefined) throw new HelmfileLoadError(`hook[${name}]: kustomize & filename cannot be used together`, { file: rc.name, keyPath: `${key}.kubectlApply` });
    if (filename === undefined && kustomize === undefined) throw new HelmfileLoadError(`hook[${name}]: either kustomize or filename must be given`, { file: rc.name, keyPath: `${key}.kubectlApply` });
    return { name, command: "kubectl", args: filename !== undefined ? ["apply", "-f", filename] : ["apply", "-k", kustomize!] };
  }
  if (!h.command) throw new HelmfileLoadError(`hook[${h.name ?? ""}]: a hook needs a command or kubectlApply`, { file: rc.name, keyPath: `${key}.command` });
  return { name: h.name || h.command, command: h.command, args: (h.args ?? []).map(String) };
}

/** One run of a hook for an event: rendered with `data` plus `.HelmfileCommand` and `.Event` (see the module comment). */
function renderRun(h: HookSpec, hook: ReturnType<typeof hookCommand>, ev: HookEvent, helmfileCommand: HookRun["helmfileCommand"], data: PlainMap, rc: RenderContext, key: string): HookRun {
  const render = (error: string | null) => {
    const all = { ...data, HelmfileCommand: helmfileCommand, Event: { Name: ev, Error: error } };
    return {
      command: renderText(hook.command, all, rc, `${key}.command`),
      args: hook.args.map((a, j) => renderText(a, all, rc, `${key}.args[${j}]`)),
    };
  };
  const ok = renderNil(render);
  const run: HookRun = { name: hook.name, event: ev, helmfileCommand, ...ok, ...(h.showlogs ? { showlogs: true } : {}), ...(h.kubectlApply ? { kubectlApply: true } : {}) };
  if (ev === "postsync") {
    const failed = render(EVENT_ERROR_MARKER);
    if (failed.command !== ok.command || failed.args.some((a, j) => a !== ok.args[j])) run.onError = failed;
  }
  return run;
}

/** The hook runs of a rendered release (`spec`: after templating and overrides). */
export function resolveHooks(spec: ReleaseSpec, scope: ReleaseTemplateScope, rc: RenderContext, keyPrefix: string): HookRun[] | undefined {
  const hooks = spec.hooks ?? [];
  if (hooks.length === 0) return undefined;
  const data = { Environment: scope.environment, Namespace: scope.namespace, Values: scope.values, Release: releaseData(spec) };
  const out: HookRun[] = [];
  hooks.forEach((h: HookSpec, i) => {
    const key = `${keyPrefix}.hooks[${i}]`;
    const hook = hookCommand(h, key, rc);
    for (const event of h.events ?? []) {
      if (!(HOOK_EVENTS as readonly string[]).includes(event)) continue; // helmfile never fires it either
      const ev = event as HookEvent;
      for (const operation of operationsOf(ev)) out.push(renderRun(h, hook, ev, helmfileCommandOf(ev, operation), data, rc, key));
    }
  });
  return out;
}

/** The events helmfile v1.8.0 fires for state-level hooks (pkg/app/run.go): `.HelmfileCommand` per Pulumi operation. */
const GLOBAL_RUNS = [
  { event: "prepare", command: "apply" },
  { event: "cleanup", command: "apply" },
  { event: "prepare", command: "destroy" },
  { event: "cleanup", command: "destroy" },
] as const;

/**
 * The runs of a state's global `hooks:` (pkg/state/state.go triggerGlobalReleaseEvent): rendered with `.Environment`,
 * `.Namespace`, `.HelmfileCommand` and `.Event` only (helmfile passes no `.Values` or `.Release` to them), for
 * `prepare` and `cleanup` on up (`apply`) and destroy (`destroy`). A hook of any other event was refused by the
 * schema walker (./keyUses.ts: helmfile would never fire it).
 */
export function resolveGlobalHooks(hooks: HookSpec[] | undefined, scope: ReleaseTemplateScope, rc: RenderContext): HookRun[] | undefined {
  if (!hooks?.length) return undefined;
  const data = { Environment: scope.environment, Namespace: scope.namespace };
  const out: HookRun[] = [];
  hooks.forEach((h, i) => {
    const key = `hooks[${i}]`;
    const hook = hookCommand(h, key, rc);
    for (const g of GLOBAL_RUNS) if ((h.events ?? []).includes(g.event)) out.push(renderRun(h, hook, g.event, g.command, data, rc, key));
  });
  return out.length ? out : undefined;
}
