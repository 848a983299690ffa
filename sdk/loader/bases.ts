/** `bases:` — layering base state files under a state document (state/create.go loadBases, mergeEnvironments). */
import * as fs from "node:fs";
import * as path from "node:path";
import type { EnvironmentSpec, HelmfileSpec } from "../state/types";
import { HelmfileLoadError } from "./errors";
import { mergeStructAppend } from "./merge";
import type { PlainMap } from "./plainObject";
import { stateShape } from "./shapes";

function mergeEnvironments(dst: Record<string, EnvironmentSpec>, src: Record<string, EnvironmentSpec>): void {
  for (const [name, s] of Object.entries(src)) {
    const d = dst[name];
    if (!d) {
      dst[name] = s;
      continue;
    }
    const strategy = s.mergeStrategy || d.mergeStrategy;
    dst[name] = {
      secrets: [...(d.secrets ?? []), ...(s.secrets ?? [])],
      kubeContext: s.kubeContext || d.kubeContext,
      missingFileHandler: s.missingFileHandler ?? d.missingFileHandler,
      missingFileHandlerConfig: s.missingFileHandlerConfig ?? d.missingFileHandlerConfig,
      mergeStrategy: strategy,
      values: strategy === "fallback" ? [...(s.values ?? []), ...(d.values ?? [])] : [...(d.values ?? []), ...(s.values ?? [])],
    };
  }
}

/**
 * Merges `bases` (loaded with `loadBase`, relative to `baseDir`) under `spec` like create.go loadBases: lists
 * appended, scalars overridden by later layers, environments merged key-wise with values lists concatenated.
 */
export function mergeBases(
  spec: HelmfileSpec,
  baseDir: string,
  file: string,
  loadBase: (file: string) => HelmfileSpec | undefined,
): HelmfileSpec {
  const layers: HelmfileSpec[] = [];
  (spec.bases ?? []).forEach((b, i) => {
    const f = path.resolve(baseDir, b);
    if (!fs.existsSync(f)) {
      throw new HelmfileLoadError(`base file "${b}" does not exist`, { file, keyPath: `bases[${i}]` });
    }
    const layer = loadBase(f);
    if (layer) layers.push(layer);
  });
  layers.push(spec);
  let acc: HelmfileSpec = { ...layers[0], environments: { ...(layers[0].environments ?? {}) } as Record<string, EnvironmentSpec> };
  for (let i = 1; i < layers.length; i++) {
    const envs = acc.environments as Record<string, EnvironmentSpec>;
    mergeEnvironments(envs, (layers[i].environments ?? {}) as Record<string, EnvironmentSpec>);
    const { environments: _drop, ...rest } = layers[i];
    void _drop;
    acc = { ...(mergeStructAppend(acc as PlainMap, rest as PlainMap, stateShape) as HelmfileSpec), environments: envs };
  }
  acc.bases = undefined;
  return acc;
}
