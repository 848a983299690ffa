/** helmfile v1's part policy (pkg/policy/checker.go), checked on the raw file before rendering. */
import { HelmfileLoadError } from "./errors";

const topKeyRe = /^[a-zA-Z]+:/;
const separatorRe = /^--- *$/;
const priority: Record<string, number> = { bases: 0, environments: 1, releases: 2 };

function topKeys(content: string, withSeparators: boolean): { key: string; line: number }[] {
  const out: { key: string; line: number }[] = [];
  content.split("\n").forEach((l, i) => {
    if (topKeyRe.test(l)) out.push({ key: l.split(":")[0], line: i + 1 });
    if (withSeparators && separatorRe.test(l)) out.push({ key: "---", line: i + 1 });
  });
  return out;
}

/**
 * Fails like helmfile v1 when: no top-level key at all; `bases`/`environments`/`releases` out of order;
 * `environments` and `releases` in the same part.
 */
export function checkPartPolicy(file: string, content: string): void {
  const keys = topKeys(content, false);
  if (keys.length === 0) throw new HelmfileLoadError(`no top-level config keys are found in ${file}`, { file });
  const ordered = keys.filter((k) => k.key in priority);
  for (let i = 1; i < ordered.length; i++) {
    const prev = ordered[i - 1];
    const cur = ordered[i];
    if (priority[prev.key] > priority[cur.key]) {
      throw new HelmfileLoadError(`top-level config key ${cur.key} must be defined before ${prev.key}`, {
        file,
        line: cur.line,
        keyPath: cur.key,
      });
    }
  }
  const seq: { key: string; line: number }[] = [];
  const seen = new Set<string>();
  for (const k of topKeys(content, true)) {
    if (k.key !== "environments" && k.key !== "releases" && k.key !== "---") continue;
    if (seen.has(k.key)) continue;
    seq.push(k);
    if (k.key !== "---") seen.add(k.key);
  }
  for (let i = 0; i + 1 < seq.length; i++) {
    if (seq[i].key !== "---" && seq[i + 1].key !== "---") {
      throw new HelmfileLoadError(
        "environments and releases cannot be defined within the same YAML part. Use --- to extract the environments into a dedicated part",
        { file, line: seq[i + 1].line, keyPath: seq[i + 1].key },
      );
    }
  }
}
