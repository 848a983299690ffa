/**
 * Loading one state file: `---` parts rendered once each (`.gotmpl` only), strictly decoded, bases merged,
 * environment values loaded; only the environment carries from part to part (app/desired_state_file_loader.go).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { EnvironmentSpec, HelmfileSpec } from "../state/types";
import type { LoadContext } from "./context";
import { loadDocumentEnv } from "./envValues";
import { type Env, envTemplateData, mergeEnv, mergedValues, newEnv } from "./envOps";
import { envFlag } from "../envFlags";
import { HelmfileLoadError } from "./errors";
import { mergeStructOverride } from "./merge";
import { type PlainMap, isPlainObject } from "./plainObject";
import { mergeBases } from "./bases";
import { conformSpec, parseSpec } from "./parseSpec";
import { checkPartPolicy } from "./policy";
import { renderText } from "./render";
import { stateShape } from "./shapes";

/** A state document after parts, bases and environment loading. */
export interface LoadedState {
  /** Absolute path of the state file (or the virtual name of a TypeScript spec). */
  file: string;
  /** Directory relative paths resolve against. */
  baseDir: string;
  /** The merged spec. */
  spec: HelmfileSpec;
  /** The environment after the last part. */
  env: Env;
  /** Merged state values (`.Values`). */
  values: PlainMap;
  /** `_*.tpl` helper templates beside the state file. */
  helpers: { name: string; text: string }[];
}

/** Result of loading a state file: loaded, or skipped because it does not define the selected environment. */
export type StateLoadResult = { kind: "loaded"; state: LoadedState } | { kind: "undefinedEnv"; file: string };

function helperTemplates(dir: string, ctx: LoadContext): { name: string; text: string }[] {
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir).filter((n) => /^_.*\.tpl$/.test(n)).sort();
  } catch {
    return [];
  }
  return names.map((n) => {
    const p = path.join(dir, n);
    ctx.files.add(p);
    return { name: p, text: fs.readFileSync(p, "utf8") };
  });
}

/** Options of {@link loadPart}. */
interface PartInput {
  spec: HelmfileSpec;
  file: string;
  baseDir: string;
  env: Env | undefined;
  overrode: Env | undefined;
  evaluateBases: boolean;
}

/** rawLoad + ParseAndLoad for one parsed part: bases, environment values, rendered values. */
function loadPart(input: PartInput, ctx: LoadContext): { spec: HelmfileSpec; env: Env; values: PlainMap } {
  const merged = mergeEnv(input.env, input.overrode);
  let spec = input.spec;
  if (!input.evaluateBases) {
    if (spec.bases && spec.bases.length > 0) {
      throw new HelmfileLoadError("nested `base` helmfile is unsupported", { file: input.file, keyPath: "bases" });
    }
  } else if (spec.bases && spec.bases.length > 0) {
    const overrode = input.overrode ? mergeEnv(input.overrode, undefined) : undefined;
    spec = mergeBases(spec, input.baseDir, input.file, (file) => {
      // helmfile loads a base with the including file's base dir: its relative paths resolve from there.
      const r = loadStateFile(file, merged, overrode, false, ctx, input.baseDir);
      return r.kind === "loaded" ? r.state.spec : undefined;
    });
  }
  const env = loadDocumentEnv(
    {
      environments: spec.environments as Record<string, EnvironmentSpec> | undefined,
      defaultValues: spec.values,
      missingFileHandler: spec.missingFileHandler,
      ctxEnv: merged,
    },
    { baseDir: input.baseDir, file: input.file },
    ctx,
  );
  return { spec, env, values: mergedValues(env) };
}

function countLines(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

/**
 * Loads a state file. `inherited` is the environment from the parent (or previous layers), `overrode` the CLI /
 * sub-helmfile overrides. `evaluateBases` is false for base files themselves, which are loaded with the including
 * file's `baseDir`.
 */
export function loadStateFile(
  file: string,
  inherited: Env | undefined,
  overrode: Env | undefined,
  evaluateBases: boolean,
  ctx: LoadContext,
  baseDir: string = path.dirname(file),
): StateLoadResult {
  let content: string;
  try {
    content = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new HelmfileLoadError(`cannot read state file: ${(e as Error).message}`, { file });
  }
  ctx.files.add(file);
  content = content.replace(/\r\n/g, "\n");
  checkPartPolicy(file, content);
  const helpers = helperTemplates(baseDir, ctx);
  const parts = content.split("\n---\n");
  const templated = file.endsWith(".gotmpl") || envFlag(ctx.processEnv, "HELMFILE_RENDER_YAML");
  const hasEnv = inherited !== undefined || overrode !== undefined;
  const source = (text: string, lineOffset: number, env: Env | undefined) => {
    if (!templated) return parseSpec(text, file, lineOffset);
    const e = mergeEnv(mergeEnv(env, undefined), overrode) ?? newEnv(ctx.environment);
    const rendered = renderText(text, envTemplateData(e, mergedValues(e)), {
      name: file,
      baseDir,
      env: ctx.processEnv,
      disableInsecureFeatures: ctx.disableInsecureFeatures,
      secrets: ctx.secrets,
      extraTemplates: helpers,
    });
    return parseSpec(rendered, file, lineOffset);
  };
  return loadParts(
    parts.map((p, i) => ({ text: p, lineOffset: parts.slice(0, i).reduce((n, q) => n + countLines(q) + 2, 0) })),
    (p, env) => source(p.text, p.lineOffset, env),
    { file, baseDir, inherited, overrode, evaluateBases, hasEnv, helpers },
    ctx,
  );
}

/** Loads an already-parsed spec (a TypeScript-declared state) through the same pipeline as a one-part file. */
export function loadSpecState(
  spec: HelmfileSpec,
  file: string,
  baseDir: string,
  inherited: Env | undefined,
  overrode: Env | undefined,
  ctx: LoadContext,
): StateLoadResult {
  const conformed = conformSpec(spec, file);
  return loadParts([conformed], (s) => s, {
    file,
    baseDir,
    inherited,
    overrode,
    evaluateBases: true,
    hasEnv: inherited !== undefined || overrode !== undefined,
    helpers: [],
  }, ctx);
}

interface PartsMeta {
  file: string;
  baseDir: string;
  inherited: Env | undefined;
  overrode: Env | undefined;
  evaluateBases: boolean;
  hasEnv: boolean;
  helpers: { name: string; text: string }[];
}

function loadParts<P>(parts: P[], toSpec: (p: P, env: Env | undefined) => HelmfileSpec, m: PartsMeta, ctx: LoadContext): StateLoadResult {
  let env = m.inherited;
  let final: { spec: HelmfileSpec; env: Env; values: PlainMap } | undefined;
  for (const part of parts) {
    const spec = toSpec(part, env);
    const current = loadPart({ spec, file: m.file, baseDir: m.baseDir, env, overrode: m.overrode, evaluateBases: m.evaluateBases }, ctx);
    if (!final) final = current;
    else {
      final = {
        spec: mergeStructOverride(final.spec as PlainMap, current.spec as PlainMap, stateShape) as HelmfileSpec,
        env: current.env,
        values: current.values,
      };
    }
    env = final.env;
    const envs = final.spec.environments;
    if (envs && isPlainObject(envs) && Object.keys(envs).length > 0) {
      if (m.evaluateBases && env.name !== "default" && !(env.name in envs)) return { kind: "undefinedEnv", file: m.file };
    }
  }
  if (!final) throw new HelmfileLoadError("empty state", { file: m.file });
  const envCount = Object.keys(final.spec.environments ?? {}).length;
  if (envCount === 0 && m.evaluateBases && !m.hasEnv && final.env.name !== "default") return { kind: "undefinedEnv", file: m.file };
  return {
    kind: "loaded",
    state: { file: m.file, baseDir: m.baseDir, spec: final.spec, env: final.env, values: final.values, helpers: m.helpers },
  };
}
