#!/usr/bin/env node
// A separate process resolving charts through the real chart cache (the built package under dist/), for the
// cross-process tests: `node cache-worker.js '<json: {dir, helmBinary, requests: ChartRequest[], lockStaleMs?}>'`.
// Prints one JSON line: {results: ResolvedChart[]} or {error: message}.
const path = require("node:path");
let cacheModule;
try {
  cacheModule = require(path.join(__dirname, "..", "..", "dist", "provider", "cache", "index.js"));
} catch (e) {
  process.stdout.write(JSON.stringify({ error: `the package is not built (run npm run build): ${e.message}` }) + "\n");
  process.exit(2);
}
const spec = JSON.parse(process.argv[2]);
const cache = cacheModule.createChartCache({ dir: spec.dir, helmBinary: spec.helmBinary, lockStaleMs: spec.lockStaleMs, retry: spec.retry });
Promise.all(spec.requests.map((r) => cache.resolve(r))).then(
  (results) => process.stdout.write(JSON.stringify({ results }) + "\n"),
  (e) => {
    process.stdout.write(JSON.stringify({ error: e.message }) + "\n");
    process.exit(1);
  },
);
