/**
 * The template engine's rows (bench/template.ts, owned by the template-engine engineer), loaded lazily: when the
 * module is missing or fails, one row says so instead of breaking the run.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { BenchRow, progress } from "./types";

const unavailable = (why: string): BenchRow[] => [{ figure: "template engine (bench/template.ts)", ours: "not available", peer: "—", ratio: "—", notes: why }];

/** Rows from bench/template.ts's `benchTemplate()`, or one "not available" row; gives up after `timeoutMs`. */
export async function templateRows(timeoutMs: number): Promise<BenchRow[]> {
  const file = path.join(__dirname, "template.js");
  if (!fs.existsSync(file)) return unavailable("bench/template.ts does not exist (yet) in this build");
  let mod: { benchTemplate?: () => Promise<unknown[]> };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(file) as typeof mod;
  } catch (e) {
    return unavailable(`bench/template.ts failed to load: ${(e as Error).message.split("\n")[0]}`);
  }
  if (typeof mod.benchTemplate !== "function") return unavailable("bench/template.ts exports no benchTemplate()");
  progress("template engine rows (bench/template.ts)");
  let timer: NodeJS.Timeout | undefined;
  try {
    const rows = await Promise.race([
      mod.benchTemplate(),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs / 1000} s`)), timeoutMs))),
    ]);
    return rows.map((r) => {
      const o = r as Record<string, unknown>;
      const s = (v: unknown) => (v === undefined || v === null ? "" : String(v));
      return { figure: s(o.figure), ours: s(o.ours), peer: s(o.peer), ratio: s(o.ratio), notes: o.notes === undefined ? undefined : s(o.notes) };
    });
  } catch (e) {
    return unavailable(`benchTemplate() failed: ${(e as Error).message.split("\n")[0]}`);
  } finally {
    clearTimeout(timer);
  }
}
