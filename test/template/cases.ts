/** Loads the differential cases (test/template/cases/*.yaml) and renders them with the TypeScript engine. */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { decodeYaml, renderTemplate, TemplateError } from "../../sdk/template";
import type { GoCase } from "./goref";

export const CASES_DIR = path.join(__dirname, "cases");
export const FILES_DIR = path.join(__dirname, "fixtures", "files");

/** A case as written in the data files. */
export interface CaseSpec extends GoCase {
  /** The file (topic) the case comes from. */
  file: string;
  /**
   * How to compare errors when both sides fail: "exact" (default) compares messages; "prefix" compares up to and
   * including the function name ("...: error calling NAME:"); "fails" only requires both to fail.
   */
  errorCompare?: "exact" | "prefix" | "fails";
  /** The case is expected to fail (guards against both sides silently succeeding). */
  expectError?: boolean;
}

export function loadCases(): CaseSpec[] {
  const out: CaseSpec[] = [];
  for (const file of fs.readdirSync(CASES_DIR).filter((f) => f.endsWith(".yaml")).sort()) {
    const doc = parse(fs.readFileSync(path.join(CASES_DIR, file), "utf8")) as { defaults?: Partial<CaseSpec>; cases: Partial<CaseSpec>[] };
    const topic = file.replace(/\.yaml$/, "");
    doc.cases.forEach((c, i) => {
      const spec = { ...doc.defaults, ...c } as CaseSpec;
      spec.file = topic;
      spec.name = `${topic}/${c.name ?? String(i)}`;
      spec.baseDir = spec.baseDir ? path.resolve(FILES_DIR, spec.baseDir) : FILES_DIR;
      if (spec.template === undefined) throw new Error(`case ${spec.name} has no template`);
      out.push(spec);
    });
  }
  return out;
}

export interface OurResult {
  output?: string;
  error?: string;
}

/** Renders a case with the TypeScript engine, using the same inputs goref gets. */
export function renderOurs(c: CaseSpec): OurResult {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const [k, v] of Object.entries(c.env ?? {})) {
    if (v === "\u0000unset") delete env[k];
    else env[k] = v;
  }
  try {
    // a fresh copy per render, as Go decodes the case's JSON each time (templates may mutate data with set/merge)
    const data = c.dataYaml !== undefined ? decodeYaml(c.dataYaml) : c.data === undefined ? null : structuredClone(c.data);
    const output = renderTemplate(c.template, data, {
      name: c.name,
      baseDir: c.baseDir ?? FILES_DIR,
      missingKey: c.missingKey,
      env,
      extraTemplates: c.templates,
      disableInsecureFeatures: c.disableInsecureFeatures ?? false,
    });
    return { output };
  } catch (e) {
    if (e instanceof TemplateError) return { error: e.message };
    return { error: `NON-TEMPLATE ERROR ${(e as Error).stack}` };
  }
}
