/**
 * Template engine benchmark: renders test/template/fixtures/bench/helmfile.yaml.gotmpl (a ~300-line helmfile state
 * template with environments, loops and helpers) 1,000 times with the TypeScript engine and with the Go reference
 * renderer (Go text/template + sprig, `goref -bench`), and reports renders per second.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { decodeYaml, renderTemplate } from "../sdk/template";
import { clearParseCache } from "../sdk/template/render";

/** One row of the benchmark report. */
export interface BenchRow {
  figure: string;
  ours: string;
  peer: string;
  ratio: string;
  notes?: string;
}

const RENDERS = 1000;

function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, "utf8")) as { name?: string }).name === "pulumi-helmfile") return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error("cannot find the pulumi-helmfile repository root");
    dir = up;
  }
}

function gorefBinary(root: string): string {
  const out = execFileSync("bash", [path.join(root, "scripts/goref.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const lines = out.trim().split("\n");
  return lines[lines.length - 1];
}

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

export async function benchTemplate(): Promise<BenchRow[]> {
  const root = repoRoot();
  const dir = path.join(root, "test/template/fixtures/bench");
  const tplFile = path.join(dir, "helmfile.yaml.gotmpl");
  const dataFile = path.join(dir, "values.yaml");
  const text = fs.readFileSync(tplFile, "utf8");
  const data = decodeYaml(fs.readFileSync(dataFile, "utf8"));
  const options = { name: tplFile, baseDir: dir };

  // Warm up (JIT) and record the output size.
  let out = "";
  for (let i = 0; i < 50; i++) out = renderTemplate(text, data, options);
  // Cold: parse + execute every time (what the Go peer does on each render).
  let start = process.hrtime.bigint();
  for (let i = 0; i < RENDERS; i++) {
    clearParseCache();
    out = renderTemplate(text, data, options);
  }
  const oursNs = Number(process.hrtime.bigint() - start);
  const oursRate = RENDERS / (oursNs / 1e9);
  // Warm: the engine caches parse trees of identical texts (helmfile re-renders the same texts repeatedly).
  start = process.hrtime.bigint();
  for (let i = 0; i < RENDERS; i++) out = renderTemplate(text, data, options);
  const cachedNs = Number(process.hrtime.bigint() - start);
  const cachedRate = RENDERS / (cachedNs / 1e9);

  const bin = gorefBinary(root);
  const goOut = execFileSync(bin, ["-bench", String(RENDERS), "-template", tplFile, "-data-yaml", dataFile], { encoding: "utf8" });
  const goNs = Number(/elapsed_ns (\d+)/.exec(goOut)?.[1]);
  const goBytes = Number(/output_bytes (\d+)/.exec(goOut)?.[1]);
  if (!Number.isFinite(goNs)) throw new Error(`unexpected goref output: ${goOut}`);
  const goRate = RENDERS / (goNs / 1e9);
  const outBytes = Buffer.byteLength(out);

  return [
    {
      figure: `template renders/s (${text.split("\n").length}-line helmfile.yaml.gotmpl, ${RENDERS} renders incl. parse)`,
      ours: fmt(oursRate),
      peer: fmt(goRate),
      ratio: (oursRate / goRate).toFixed(2),
      notes: `peer: Go text/template + sprig v3 (goref -bench); output ${outBytes} bytes (Go ${goBytes})${outBytes === goBytes ? "" : " MISMATCH"}`,
    },
    {
      figure: `template renders/s with the engine's parse cache (same text re-rendered ${RENDERS} times)`,
      ours: fmt(cachedRate),
      peer: fmt(goRate),
      ratio: (cachedRate / goRate).toFixed(2),
      notes: "peer still parses on every render (helmfile creates a new template each time)",
    },
    {
      figure: "template mean render time, parse + execute (ms)",
      ours: (oursNs / RENDERS / 1e6).toFixed(3),
      peer: (goNs / RENDERS / 1e6).toFixed(3),
      ratio: (oursNs / goNs).toFixed(2),
    },
  ];
}
