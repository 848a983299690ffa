/**
 * A helm wrapper that records each invocation's subcommand (never its arguments) and then runs the real helm:
 * lets end-to-end tests count the helm processes a `pulumi` run started, in every process it spawned.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export interface HelmCounter {
  /** The wrapper to use as the helm binary (PULUMI_HELMFILE_HELM). */
  binary: string;
  /** Subcommands run so far (e.g. ["template", "upgrade", "get"]). */
  calls(): string[];
  reset(): void;
}

export function helmCounter(dir: string, realHelm: string): HelmCounter {
  fs.mkdirSync(dir, { recursive: true });
  const log = path.join(dir, "helm-calls.log");
  const binary = path.join(dir, "helm");
  fs.writeFileSync(binary, `#!/bin/sh\necho "$1" >> '${log}'\nexec '${realHelm}' "$@"\n`, { mode: 0o755 });
  return {
    binary,
    calls: () => (fs.existsSync(log) ? fs.readFileSync(log, "utf8").split("\n").filter(Boolean) : []),
    reset: () => fs.rmSync(log, { force: true }),
  };
}
