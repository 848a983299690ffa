/**
 * The largest fixture grown ×k: bench/fixtures/helmfile-300's releases section repeated k times, copy i (i ≥ 1) in
 * namespaces suffixed `-i` (its `needs` follow), so every release stays distinct and the file is still one helmfile
 * both tools read. Written with the fixture's values.yaml into `dir`; returns the new helmfile.yaml.gotmpl.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export function growFixture(fixtureDir: string, k: number, dir: string): string {
  const text = fs.readFileSync(path.join(fixtureDir, "helmfile.yaml.gotmpl"), "utf8");
  const at = text.indexOf("\nreleases:\n");
  if (at < 0) throw new Error(`${fixtureDir}: no releases section to grow`);
  const head = text.slice(0, at + "\nreleases:\n".length);
  const releases = text.slice(head.length);
  const copy = (i: number) =>
    releases
      .split("\n")
      .map((l) => l.replace(/^(\s+namespace: )(\S+)$/, `$1$2-${i}`).replace(/^(\s+- )([a-z0-9-]+)\/([a-z0-9-]+)$/, `$1$2-${i}/$3`))
      .join("\n");
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(fixtureDir)) if (f !== "helmfile.yaml.gotmpl") fs.copyFileSync(path.join(fixtureDir, f), path.join(dir, f));
  const file = path.join(dir, "helmfile.yaml.gotmpl");
  fs.writeFileSync(file, head + [releases, ...Array.from({ length: k - 1 }, (_, i) => copy(i + 1))].join("\n"));
  return file;
}
