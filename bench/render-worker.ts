/**
 * A fresh process that loads a helmfile with the sdk's loadHelmfile and reports the time of the first load (what a
 * Pulumi program pays: cold JIT, nothing cached) and the mean of `warm` further loads with the template parse cache
 * cleared before each. `node dist/bench/render-worker.js <file> <environment> <warm>` prints one JSON line.
 */
async function main(): Promise<void> {
  const [file, environment, warmText] = process.argv.slice(2);
  const t0 = performance.now();
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { loadHelmfile } = require("../sdk/loader") as typeof import("../sdk/loader");
  const { clearParseCache } = require("../sdk/template/render") as typeof import("../sdk/template/render");
  /* eslint-enable @typescript-eslint/no-require-imports */
  const loadedMs = performance.now() - t0;
  const t1 = performance.now();
  const state = await loadHelmfile(file, { environment });
  const firstMs = performance.now() - t1;
  const warm = Number(warmText);
  const t2 = performance.now();
  for (let i = 0; i < warm; i++) {
    clearParseCache();
    await loadHelmfile(file, { environment });
  }
  const warmMs = (performance.now() - t2) / warm;
  process.stdout.write(JSON.stringify({ moduleLoadMs: loadedMs, firstMs, warmMs, releases: state.releases.map((r) => r.name).sort() }) + "\n");
}

main().catch((e: Error) => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(1);
});
