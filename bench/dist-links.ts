/**
 * Work-around for running the harness from dist/: test/harness/tools.ts computes the repository root as two levels up
 * from its own file, which is dist/ once compiled, so it looks for dist/scripts/versions.sh and dist/test/fixtures.
 * Until the harness resolves the real root, link those two paths (only when missing; dist/ is build output).
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** The real repository root (this file is compiled to dist/bench/dist-links.js). */
export const benchRepoRoot = path.resolve(__dirname, "..", "..");

/** Create dist/scripts → ../scripts and dist/test/fixtures → ../../test/fixtures when the harness runs from dist. */
export function linkHarnessPaths(): string[] {
  const dist = path.resolve(__dirname, "..");
  if (path.basename(dist) !== "dist") return [];
  const made: string[] = [];
  const links: [string, string][] = [
    [path.join(dist, "scripts"), path.join(benchRepoRoot, "scripts")],
    [path.join(dist, "test", "fixtures"), path.join(benchRepoRoot, "test", "fixtures")],
  ];
  for (const [link, target] of links) {
    if (fs.existsSync(link) || !fs.existsSync(target)) continue;
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(path.relative(path.dirname(link), target), link);
    made.push(link);
  }
  return made;
}
