/**
 * The kustomize driver: `kustomize build` of a directory, the way chartify runs it for helmfile's patches,
 * transformers and kustomization charts (`kustomize build --output FILE --enable-alpha-plugins DIR`). Processes start
 * only here (through the helm driver's runner, ../helm/run.ts: argument arrays, explicit environment, deadline,
 * redaction), and a missing binary is an error that says how to get one.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { PulumiHelmfileError } from "../errors";
import { binaryIdentity, onPath } from "../helm/binary";
import { HelmError } from "../helm/errors";
import { goRuntimeEnv } from "../helm/environment";
import { run } from "../helm/run";

/** Environment variable naming the kustomize binary (chartify's KUSTOMIZE_BIN is honoured too). */
export const KUSTOMIZE_BINARY_ENV = "PULUMI_HELMFILE_KUSTOMIZE";

/** A failed or impossible kustomize run; `message` names what was built and kustomize's own reason. */
export class KustomizeError extends PulumiHelmfileError {
  override readonly name: string = "KustomizeError";
}

const HOW = "install kustomize (https://kubectl.docs.kubernetes.io/installation/kustomize/, or `go install sigs.k8s.io/kustomize/kustomize/v5@v5.8.0`)";

/**
 * The kustomize binary: the explicit option (a release's/helmfile's `kustomizeBinary`, the CLI's `--kustomize-binary`),
 * else $PULUMI_HELMFILE_KUSTOMIZE, else $KUSTOMIZE_BIN, else `kustomize` on PATH.
 */
export function locateKustomize(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = explicit || env[KUSTOMIZE_BINARY_ENV] || env.KUSTOMIZE_BIN;
  if (chosen) {
    const p = chosen.includes(path.sep) ? chosen : onPath(chosen, env.PATH);
    if (p && fs.existsSync(p)) return p;
    throw new KustomizeError(`kustomize binary '${chosen}' not found: ${HOW}, or set ${KUSTOMIZE_BINARY_ENV} or kustomizeBinary to its path`);
  }
  const p = onPath("kustomize", env.PATH);
  if (!p) throw new KustomizeError(`kustomize not found on PATH (patches, transformers and kustomization charts need it): ${HOW}, or set ${KUSTOMIZE_BINARY_ENV} or kustomizeBinary to its path`);
  return p;
}

/** Identity of a kustomize binary without running it: part of a render's cache key. */
export function kustomizeIdentity(binary: string): string {
  return binaryIdentity(binary).slice(0, 16);
}

/** What to build. */
export interface KustomizeBuildRequest {
  /** The kustomization directory. */
  dir: string;
  /** The file kustomize writes (`--output`). */
  output: string;
  /** What is being built, for errors (e.g. "release apps/web: patches"). */
  what: string;
  /** Strings to redact from errors. */
  secrets?: readonly string[];
  /** Flags after chartify's (e.g. `--load-restrictor=LoadRestrictionsNone --enable-helm` for a kustomization chart). */
  flags?: string[];
}

/** Runs kustomize. */
export class KustomizeDriver {
  readonly binary: string;
  constructor(binary?: string) {
    this.binary = locateKustomize(binary);
  }

  /** `kustomize build --output FILE --enable-alpha-plugins [flags] DIR` (chartify's arguments, in its order). */
  async build(r: KustomizeBuildRequest): Promise<void> {
    await this.run(["build", "--output", r.output, "--enable-alpha-plugins", ...(r.flags ?? []), r.dir], r.dir, r.what, r.secrets);
  }

  /** `kustomize edit set <what> <values…>` in `dir` (chartify's images, name prefix/suffix and namespace of a kustomization). */
  async editSet(dir: string, field: "image" | "nameprefix" | "namesuffix" | "namespace", values: string[], what: string): Promise<void> {
    // "--" keeps a suffix like "-acme" from reading as a flag (chartify does the same).
    await this.run(["edit", "set", field, ...(field === "namesuffix" ? ["--"] : []), ...values], dir, what);
  }

  private async run(args: string[], cwd: string, what: string, secrets?: readonly string[]): Promise<void> {
    try {
      await run({ operation: "kustomizeBuild", binary: this.binary, args, cwd, env: { ...goRuntimeEnv(), PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/" }, timeoutMs: 300_000, secrets });
    } catch (e) {
      const reason = e instanceof HelmError ? (e.stderr.trim().split("\n").filter(Boolean).pop() ?? e.message) : String(e);
      throw new KustomizeError(`${what}: kustomize ${args[0]} failed: ${reason}`, { cause: e });
    }
  }
}
