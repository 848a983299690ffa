/** Strict decoding of one state document part into a HelmfileSpec (files and TypeScript specs alike). */
import type { HelmfileSpec } from "../state/types";
import { HelmfileLoadError } from "./errors";
import { mergeStructAppend } from "./merge";
import type { PlainMap } from "./plainObject";
import { conform, type ScalarSource, stateSchema, type SchemaViolation } from "./schema";
import { stateShape } from "./shapes";
import { unsupportedTrackMode } from "./tracking";
import { formatKeyPath, parseYamlDocuments } from "./yamlDocument";

/**
 * Strict decoding plus the checks beyond the schema (a `trackMode` the loader cannot honour). The fields helmfile
 * overwrites right after decoding (`filepath`, `renderedvalues`: create.go `ParseAndLoad` sets the file's own path and
 * the computed state values) are dropped, so that they have no effect here either.
 */
function decode(value: unknown, src?: ScalarSource): { spec: PlainMap; violation?: SchemaViolation } {
  const decoded = conform(value, stateSchema, [], src);
  if (decoded.violation) return { spec: {}, violation: decoded.violation };
  const { filepath: _filepath, renderedvalues: _renderedvalues, ...spec } = (decoded.value ?? {}) as PlainMap;
  const tracking = unsupportedTrackMode(spec);
  return { spec, violation: tracking && { ...tracking, atKey: false } };
}

/** Parses one (rendered) part into a spec, strictly; documents inside a part are merged with slices appended. */
export function parseSpec(text: string, file: string, lineOffset: number): HelmfileSpec {
  let spec: PlainMap = {};
  for (const doc of parseYamlDocuments(text, file, lineOffset)) {
    if (doc.value === null || doc.value === undefined) continue;
    const { spec: part, violation } = decode(doc.value, doc.scalarSource);
    if (violation) {
      const pos = doc.locate(violation.path, violation.atKey);
      throw new HelmfileLoadError(violation.reason, { file, ...pos, keyPath: formatKeyPath(violation.path) || undefined });
    }
    spec = mergeStructAppend(spec, part, stateShape);
  }
  return spec as HelmfileSpec;
}

/** Validates a TypeScript-declared spec with the same schema and checks as files (class instances are opaque values). */
export function conformSpec(spec: HelmfileSpec, file: string): HelmfileSpec {
  const { spec: value, violation } = decode(spec);
  if (violation) throw new HelmfileLoadError(violation.reason, { file, keyPath: formatKeyPath(violation.path) });
  return value as HelmfileSpec;
}
