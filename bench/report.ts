/** Writing bench/RESULTS.md: machine, versions, date, and one table of figures. */
import * as fs from "node:fs";
import { MachineInfo } from "./machine";
import { BenchRow } from "./types";

const cell = (s: string | undefined) => (s ?? "").replace(/\|/g, "\\|").replace(/\n/g, " ");

export interface ReportInput {
  machine: MachineInfo;
  started: Date;
  durationMs: number;
  /** Sections, in order: title → rows. */
  sections: { title: string; intro?: string; rows: BenchRow[] }[];
  method: string[];
  errors: string[];
}

/** Render the report as markdown. */
export function renderReport(r: ReportInput): string {
  const m = r.machine;
  const out: string[] = [
    "# pulumi-helmfile benchmarks",
    "",
    "Produced by `npm run bench` (bench/main.ts) against a real testbed started for the run. Do not edit by hand.",
    "",
    "| | |",
    "|---|---|",
    `| date | ${r.started.toISOString()} (run took ${(r.durationMs / 60000).toFixed(1)} min) |`,
    `| machine | ${cell(m.cpu)}, ${m.cores} cores, ${m.memory} memory, ${cell(m.kernel)} |`,
    `| load average (1/5/15 min) | start: ${cell(m.loadStart)}; end: ${cell(m.loadEnd ?? "?")} |`,
    ...Object.entries(m.versions).map(([k, v]) => `| ${cell(k)} | ${cell(v)} |`),
    "",
    "## How to read",
    "",
    ...r.method.map((l) => `- ${l}`),
    "",
  ];
  for (const s of r.sections) {
    out.push(`## ${s.title}`, "");
    if (s.intro) out.push(s.intro, "");
    out.push("| figure | ours | peer | ratio | notes |", "|---|---|---|---|---|");
    for (const row of s.rows) out.push(`| ${cell(row.figure)} | ${cell(row.ours)} | ${cell(row.peer)} | ${cell(row.ratio)} | ${cell(row.notes)} |`);
    out.push("");
  }
  if (r.errors.length) {
    out.push("## Errors during the run", "", ...r.errors.map((e) => `- ${cell(e)}`), "");
  }
  return out.join("\n");
}

/** Write the report to `file`. */
export function writeReport(file: string, r: ReportInput): void {
  fs.writeFileSync(file, renderReport(r));
}
