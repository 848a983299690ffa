/**
 * The render cache's own cost (provider/release/render-cache.ts), in a fresh process: `entries` puts and then gets
 * (hits, what a no-change preview does per release) of a summary of `objects` ConfigMap-like objects, each keyed by
 * the HMAC of render parts shaped like render.ts's. `node dist/bench/render-cache-worker.js <dir> <objects> <entries>`
 * prints one JSON line: mean ms per put and per hit, and the entry size in bytes.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { RenderCache } from "../provider/release/render-cache";
import type { RenderedSummary } from "../provider/manifest/summary";

function summaryOf(objects: number, salt: number): RenderedSummary {
  const s: RenderedSummary = {};
  for (let i = 0; i < objects; i++) {
    const name = `web-${salt}-${i}`;
    s[`v1/ConfigMap/default/${name}`] = { apiVersion: "v1", kind: "ConfigMap", metadata: { name, labels: { "app.kubernetes.io/instance": `web-${salt}` } }, data: { greeting: "hello", config: "x".repeat(1500) } };
  }
  return s;
}

function main(): void {
  const [dir, objectsText, entriesText] = process.argv.slice(2);
  const objects = Number(objectsText);
  const entries = Number(entriesText);
  const cache = new RenderCache(dir);
  const parts = (i: number) => ({ v: 2, chart: "0".repeat(64), name: `web-${i}`, namespace: "default", values: [{ greeting: "hello", replicas: i }], set: [], setString: [], options: {}, major: 4, secrets: [] });
  const summaries = Array.from({ length: entries }, (_, i) => summaryOf(objects, i));
  cache.entryName(parts(-1)); // creates the key
  const t0 = performance.now();
  for (let i = 0; i < entries; i++) cache.put(cache.entryName(parts(i)), { summary: summaries[i], secretDigests: { [`v1/Secret/default/s-${i}`]: "1".repeat(64) } });
  const putMs = (performance.now() - t0) / entries;
  const t1 = performance.now();
  for (let i = 0; i < entries; i++) if (!cache.get(cache.entryName(parts(i)))) throw new Error(`entry ${i} missed`);
  const hitMs = (performance.now() - t1) / entries;
  const bytes = fs.statSync(path.join(dir, `${cache.entryName(parts(0))}.json`)).size;
  process.stdout.write(JSON.stringify({ putMs, hitMs, bytes }) + "\n");
}

main();
