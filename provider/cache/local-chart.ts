/** Local chart directories: a content digest (so template edits are seen), and `helm dependency build` when needed. */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { ChartMetadata, CorruptChartError } from "./chart-archive";

/** sha256 over every file of a directory (relative path + content, sorted), skipping VCS metadata. */
export function directoryDigest(dir: string): string {
  const h = crypto.createHash("sha256");
  const walk = (d: string, rel: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.name === ".git") continue;
      const abs = path.join(d, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(abs, r);
      else if (e.isFile()) {
        h.update(r).update("\0").update(fs.readFileSync(abs)).update("\0");
      }
    }
  };
  walk(dir, "");
  return h.digest("hex");
}

/** Chart.yaml of a chart directory. */
export function readChartDir(dir: string): ChartMetadata {
  const file = path.join(dir, "Chart.yaml");
  if (!fs.existsSync(file)) throw new CorruptChartError(`${dir} is not a chart: it has no Chart.yaml`);
  const meta = parse(fs.readFileSync(file, "utf8")) as ChartMetadata | null;
  if (!meta?.name || meta.version === undefined) throw new CorruptChartError(`${file} has no name or version`);
  return { ...meta, version: String(meta.version), appVersion: meta.appVersion === undefined ? undefined : String(meta.appVersion) };
}

/** What decides whether dependencies must be rebuilt: Chart.yaml + Chart.lock content, and whether charts/ is populated. */
export function dependencyFingerprint(dir: string): string {
  const h = crypto.createHash("sha256");
  for (const f of ["Chart.yaml", "Chart.lock", "requirements.yaml", "requirements.lock"]) {
    const p = path.join(dir, f);
    h.update(f).update("\0").update(fs.existsSync(p) ? fs.readFileSync(p) : Buffer.alloc(0));
  }
  const charts = path.join(dir, "charts");
  h.update(fs.existsSync(charts) ? fs.readdirSync(charts).sort().join("\n") : "<none>");
  return h.digest("hex");
}

/** Whether every declared dependency has an archive or directory under charts/. */
export function dependenciesPresent(dir: string, meta: ChartMetadata): boolean {
  const deps = meta.dependencies ?? [];
  if (deps.length === 0) return true;
  const charts = path.join(dir, "charts");
  if (!fs.existsSync(charts)) return false;
  const present = fs.readdirSync(charts);
  return deps.every((d) => present.some((p) => p === d.name || p.startsWith(`${d.name}-`)));
}
