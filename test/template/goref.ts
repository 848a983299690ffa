/** Runs the Go reference renderer (test/template/goref), building it with scripts/goref.sh when needed. */
import { execFileSync } from "node:child_process";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

let cachedBin: string | null = null;

/** Builds (or finds) the goref binary; returns its path. Needs only Go and the module proxy. */
export function gorefBinary(): string {
  if (cachedBin) return cachedBin;
  const out = execFileSync("bash", [path.join(ROOT, "scripts/goref.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 600_000 });
  const lines = out.trim().split("\n");
  cachedBin = lines[lines.length - 1];
  return cachedBin;
}

/** One differential case as the Go program reads it. */
export interface GoCase {
  name: string;
  template: string;
  data?: unknown;
  dataYaml?: string;
  missingKey?: "default" | "zero" | "error";
  env?: Record<string, string>;
  baseDir?: string;
  templates?: { name: string; text: string }[];
  disableInsecureFeatures?: boolean;
}

export interface GoResult {
  name: string;
  output?: string;
  error?: string;
}

/** Renders all cases in one Go process. */
export function runGo(cases: GoCase[]): GoResult[] {
  const out = execFileSync(gorefBinary(), [], { input: JSON.stringify(cases), encoding: "utf8", maxBuffer: 256 * 1024 * 1024, timeout: 300_000 });
  return JSON.parse(out) as GoResult[];
}

/** `goref -bcrypt-check`: verifies bcrypt hashes with golang.org/x/crypto/bcrypt. */
export function bcryptCheckGo(pairs: { hash: string; password: string }[]): boolean[] {
  const out = execFileSync(gorefBinary(), ["-bcrypt-check"], {
    input: JSON.stringify(pairs.map((p) => ({ Hash: p.hash, Password: p.password }))),
    encoding: "utf8",
  });
  return JSON.parse(out) as boolean[];
}

/** `goref -x509-check`: describes certificates as crypto/x509 parses them and verifies them against `ca`. */
export function x509CheckGo(items: { cert: string; key?: string; ca?: string }[]): Record<string, unknown>[] {
  const out = execFileSync(gorefBinary(), ["-x509-check"], {
    input: JSON.stringify(items.map((i) => ({ Cert: i.cert, Key: i.key ?? "", CA: i.ca ?? "" }))),
    encoding: "utf8",
  });
  return JSON.parse(out) as Record<string, unknown>[];
}

/** `goref -bench N`: renders a template file N times; returns elapsed nanoseconds. */
export function benchGo(templateFile: string, dataYamlFile: string, n: number): { elapsedNs: number; outputBytes: number } {
  const out = execFileSync(gorefBinary(), ["-bench", String(n), "-template", templateFile, "-data-yaml", dataYamlFile], { encoding: "utf8" });
  const ns = /elapsed_ns (\d+)/.exec(out);
  const bytes = /output_bytes (\d+)/.exec(out);
  if (!ns || !bytes) throw new Error(`unexpected goref -bench output: ${out}`);
  return { elapsedNs: Number(ns[1]), outputBytes: Number(bytes[1]) };
}

/** `goref -func-names`: the functions Go's side defines (sprig's TxtFuncMap and helmfile's), text/template builtins excluded. */
export function funcNamesGo(): string[] {
  return JSON.parse(execFileSync(gorefBinary(), ["-func-names"], { encoding: "utf8" })) as string[];
}
