/** Release values as helm receives them: value files read, `set` files read, relative to the release's base dir. */
import { PulumiHelmfileError } from "../errors";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import type { SetEntry } from "../helm/set-values";
import type { ReleaseInputs } from "./inputs";

export class ValuesFileError extends PulumiHelmfileError {
  override readonly name: string = "ValuesFileError";
}

/** Values objects in order; a string entry is a YAML file path (relative to baseDir) that must hold a map. */
export function valuesObjects(i: Pick<ReleaseInputs, "values" | "baseDir">): Record<string, unknown>[] {
  return (i.values ?? []).map((v, idx) => {
    if (typeof v !== "string") return v ?? {};
    const file = path.resolve(i.baseDir ?? process.cwd(), v);
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch {
      throw new ValuesFileError(`values[${idx}]: values file '${file}' not found`);
    }
    let doc: unknown;
    try {
      doc = parse(text);
    } catch (e) {
      throw new ValuesFileError(`values[${idx}]: ${file}: ${(e as Error).message}`);
    }
    if (doc === null || doc === undefined) return {};
    if (typeof doc !== "object" || Array.isArray(doc)) throw new ValuesFileError(`values[${idx}]: ${file} is not a map of values`);
    return doc as Record<string, unknown>;
  });
}

/** `set` entries with `file` contents read. */
export function setEntries(i: Pick<ReleaseInputs, "set" | "baseDir">): SetEntry[] {
  return (i.set ?? []).map((s) => {
    if (s.file === undefined) return { name: s.name, value: s.value, values: s.values };
    const file = path.resolve(i.baseDir ?? process.cwd(), s.file);
    if (!fs.existsSync(file)) throw new ValuesFileError(`set '${s.name}': file '${file}' not found`);
    return { name: s.name, fileContent: fs.readFileSync(file, "utf8") };
  });
}
