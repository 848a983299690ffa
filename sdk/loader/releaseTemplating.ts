/**
 * Release-level templating (ReleaseSpec.ExecuteTemplateExpressions + HelmState.ExecuteTemplates): fields are
 * rendered with `.Release.*` data until stable, up to 6 passes; valuesTemplate/setTemplate are prepended to
 * values/set; the *Template booleans are decoded at the end.
 */
import { stringify } from "yaml";
import type { ReleaseSpec, SetValueSpec } from "../state/types";
import { rejection } from "./keyUses";
import { HelmfileLoadError } from "./errors";
import { clonePlain, deepEqual, isPlainObject, type PlainMap } from "./plainObject";
import { hasTemplate, renderText, type RenderContext } from "./render";
import { decodeValuesYaml } from "./valuesFiles";

/** State-level data a release template sees besides `.Release`. */
export interface ReleaseTemplateScope {
  /** `.Environment`. */
  environment: { Name: string; KubeContext: string; Values: PlainMap };
  /** `.Values` / `.StateValues`. */
  values: PlainMap;
  /** `.KubeContext` / `.Namespace` / `.Chart` (state-level overrides). */
  kubeContext: string;
  namespace: string;
  chart: string;
}

/** The data object of a release template. */
export function releaseTemplateData(r: ReleaseSpec, scope: ReleaseTemplateScope): PlainMap {
  const values = clonePlain(scope.values);
  return {
    Environment: scope.environment,
    KubeContext: scope.kubeContext,
    Namespace: scope.namespace,
    Chart: scope.chart,
    Values: values,
    StateValues: values,
    Release: {
      Name: r.name ?? "",
      Chart: r.chart ?? "",
      Namespace: r.namespace ?? "",
      Labels: r.labels ?? {},
      KubeContext: r.kubeContext ?? "",
      ChartVersion: r.version ?? "",
    },
  };
}

function containsOpaque(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(containsOpaque);
  if (isPlainObject(v)) return Object.values(v).some(containsOpaque);
  return v !== null && typeof v === "object";
}

/** One rendering pass over a release with the given data (the release itself is not modified). */
export function executeTemplateExpressions(r: ReleaseSpec, data: PlainMap, rc: RenderContext, keyPrefix: string): ReleaseSpec {
  const res = clonePlain(r);
  const render = (text: string, key: string) => renderText(text, data, rc, `${keyPrefix}.${key}`);
  if (res.name !== undefined) res.name = render(res.name, "name").trim();
  if (res.chart !== undefined) res.chart = render(res.chart, "chart").trim();
  if (res.namespace !== undefined) res.namespace = render(res.namespace, "namespace").trim();
  if (res.version !== undefined) res.version = render(res.version, "version").trim();
  for (const k of ["waitTemplate", "installedTemplate", "conditionTemplate", "verifyTemplate"] as const) {
    const t = res[k];
    if (t !== undefined) res[k] = render(t, k);
  }
  if (res.labels) for (const [k, v] of Object.entries(res.labels)) res.labels[k] = render(String(v), `labels.${k}`);
  if (res.postRendererArgs) res.postRendererArgs = res.postRendererArgs.map((a, i) => render(a, `postRendererArgs[${i}]`));
  if (res.valuesTemplate && res.valuesTemplate.length > 0) {
    const vt = res.valuesTemplate.map((t, i) => {
      if (!isPlainObject(t) || containsOpaque(t)) return t;
      const serialized = stringify(t);
      if (!hasTemplate(serialized)) return t;
      return decodeValuesYaml(render(serialized, `valuesTemplate[${i}]`), rc.name);
    });
    res.valuesTemplate = vt;
    res.values = [...vt, ...(res.values ?? [])];
  }
  if (res.values) res.values = res.values.map((v, i) => (typeof v === "string" ? render(v, `values[${i}]`) : v));
  if (res.secrets) res.secrets = res.secrets.map((v, i) => (typeof v === "string" ? render(v, `secrets[${i}]`) : v));
  if (res.setTemplate && res.setTemplate.length > 0) {
    const st: SetValueSpec[] = res.setTemplate.map((s, i) => ({
      ...s,
      name: render(s.name ?? "", `setTemplate[${i}].name`),
      ...(typeof s.value === "string" ? { value: render(s.value, `setTemplate[${i}].value`) } : {}),
      ...(s.file !== undefined ? { file: render(s.file, `setTemplate[${i}].file`) } : {}),
      ...(s.values ? { values: s.values.map((x, j) => (typeof x === "string" ? render(x, `setTemplate[${i}].values[${j}]`) : x)) } : {}),
    }));
    res.setTemplate = st;
    res.set = [...st, ...(res.set ?? [])];
  }
  if (res.needs) res.needs = res.needs.map((n, i) => render(n, `needs[${i}]`));
  return res;
}

function decodeBool(text: string, key: string, file: string, keyPrefix: string): boolean {
  const t = text.trim();
  if (t === "true") return true;
  if (t === "false") return false;
  throw new HelmfileLoadError(`${key}: failed deserialising string "${text}" as a boolean`, { file, keyPath: `${keyPrefix}.${key}` });
}

/** Renders a release to its fixed point (at most 6 passes), then applies the templated booleans. */
export function renderRelease(r: ReleaseSpec, scope: ReleaseTemplateScope, rc: RenderContext, keyPrefix: string): ReleaseSpec {
  let prev = r;
  for (let it = 0; it < 6; it++) {
    const next = executeTemplateExpressions(r, releaseTemplateData(prev, scope), rc, keyPrefix);
    if (deepEqual(prev, next)) {
      const out = next;
      if (out.installedTemplate !== undefined) {
        out.installed = decodeBool(out.installedTemplate, "installedTemplate", rc.name, keyPrefix);
        delete out.installedTemplate;
      }
      if (out.waitTemplate !== undefined) {
        out.wait = decodeBool(out.waitTemplate, "waitTemplate", rc.name, keyPrefix);
        delete out.waitTemplate;
      }
      if (out.conditionTemplate !== undefined) {
        // helmfile: the rendered text must be a boolean; the condition becomes its literal "true"/"false".
        out.condition = String(decodeBool(out.conditionTemplate, "conditionTemplate", rc.name, keyPrefix));
        delete out.conditionTemplate;
      }
      if (out.verifyTemplate !== undefined) {
        out.verify = decodeBool(out.verifyTemplate, "verifyTemplate", rc.name, keyPrefix);
        delete out.verifyTemplate;
        if (out.verify) {
          const why = rejection("ReleaseSpec", "verify", true);
          throw new HelmfileLoadError(`verifyTemplate renders true: ${why}`, { file: rc.name, keyPath: `${keyPrefix}.verifyTemplate` });
        }
      }
      return out;
    }
    prev = next;
  }
  throw new HelmfileLoadError("failed executing templates: recursive references can't be resolved", {
    file: rc.name,
    keyPath: keyPrefix,
  });
}
