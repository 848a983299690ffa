/** Strict decoding of one state document part into a HelmfileSpec (files and TypeScript specs alike). */
import type { HelmfileSpec } from "../state/types";
import { HelmfileLoadError } from "./errors";
import { mergeStructAppend } from "./merge";
import type { PlainMap } from "./plainObject";
import { conform, stateSchema } from "./schema";
import { stateShape } from "./shapes";
import { formatKeyPath, parseYamlDocuments } from "./yamlDocument";

/** Parses one (rendered) part into a spec, strictly; documents inside a part are merged with slices appended. */
export function parseSpec(text: string, file: string, lineOffset: number): HelmfileSpec {
  let spec: PlainMap = {};
  for (const doc of parseYamlDocuments(text, file, lineOffset)) {
    if (doc.value === null || doc.value === undefined) continue;
    const { value, violation } = conform(doc.value, stateSchema, [], doc.scalarSource);
    if (violation) {
      const pos = doc.locate(violation.path, violation.atKey);
      throw new HelmfileLoadError(violation.reason, { file, ...pos, keyPath: formatKeyPath(violation.path) || undefined });
    }
    spec = mergeStructAppend(spec, value as PlainMap, stateShape);
  }
  return spec as HelmfileSpec;
}

/** Validates a TypeScript-declared spec with the same schema as files (class instances are opaque values). */
export function conformSpec(spec: HelmfileSpec, file: string): HelmfileSpec {
  const { value, violation } = conform(spec, stateSchema, []);
  if (violation) throw new HelmfileLoadError(violation.reason, { file, keyPath: formatKeyPath(violation.path) });
  return (value ?? {}) as HelmfileSpec;
}
