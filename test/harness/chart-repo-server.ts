/**
 * A long-running classic chart repository for the demo: `node chart-repo-server.js <dir> <port> <helm> <chart>...`.
 * Packages the charts, serves them on 127.0.0.1:<port> until killed.
 */
import { startChartRepo } from "./chart-repo";

async function main(): Promise<void> {
  const [dir, port, helm, ...charts] = process.argv.slice(2);
  const repo = await startChartRepo({ dir, port: Number(port), helm, charts });
  process.stdout.write(`serving ${repo.url}\n`);
}

main().catch((e: Error) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
});
