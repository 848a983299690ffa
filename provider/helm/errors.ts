/** Errors of the helm driver: what failed, the redacted command, helm's exit code and stderr, phrased for a user. */
import { PulumiHelmfileError } from "../errors";

/** Which driver operation failed. */
export type HelmOperation =
  | "version"
  | "pull"
  | "template"
  | "upgradeInstall"
  | "install"
  | "uninstall"
  | "status"
  | "getManifest"
  | "getValues"
  | "getMetadata"
  | "history"
  | "rollback"
  | "registryLogin"
  | "repoAdd"
  | "dependencyBuild"
  | "dependencyUpdate"
  | "list"
  | "show"
  | "kustomizeBuild"
  | "kubectlGet"
  | "kubectlApplyDryRun";

/** A failed helm invocation. `message` is meant for people; the other fields for code. Secrets are already redacted. */
export class HelmError extends PulumiHelmfileError {
  override readonly name: string = "HelmError";
  constructor(
    readonly operation: HelmOperation,
    /** The command line, secrets redacted. */
    readonly command: string,
    /** helm's exit code, or undefined when it was killed or could not start. */
    readonly exitCode: number | undefined,
    /** helm's stderr, secrets redacted. */
    readonly stderr: string,
    message: string,
    /** Whether retrying may succeed (connection refused/reset, 5xx, timeouts). */
    readonly transient: boolean = false,
    /** The process was killed because its deadline passed or it was cancelled. */
    readonly timedOut: boolean = false,
  ) {
    super(message);
  }
}

/** Thrown when no helm binary can be found. */
export class HelmNotFoundError extends PulumiHelmfileError {
  override readonly name: string = "HelmNotFoundError";
}

const TRANSIENT = [
  /connection refused/i,
  /connection reset/i,
  /i\/o timeout/i,
  /TLS handshake timeout/i,
  /context deadline exceeded/i,
  /\b(500|502|503|504) (Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout)/i,
  /status code (500|502|503|504)\b/i,
  /unexpected EOF/i,
  /no such host/i,
  /\bEOF\b/,
  /broken pipe/i,
  /server misbehaving/i,
  // Dropped connections as Go's net/http reports them.
  /server closed idle connection/i,
  /use of closed network connection/i,
  /http2: server sent GOAWAY/i,
  /\bhttp2: client connection lost\b/i,
  /net\/http: request canceled while waiting for connection/i,
  /net\/http: timeout awaiting response headers/i,
  /\b429 Too Many Requests\b|status code 429\b/i,
];

/**
 * Whether a failed `helm install` failed because a release of that name exists (in any status): helm's name check
 * (helm 3 "cannot re-use a name", helm 4 "cannot reuse a name"), or — when another install raced past that check —
 * the storage refusing the first release record ("release: already exists").
 */
export function isNameInUse(e: unknown): boolean {
  return e instanceof HelmError && /cannot re-?use a name that is still in use|release: already exists/i.test(e.stderr);
}

/** Whether helm's stderr describes a failure worth retrying. */
export function isTransient(stderr: string): boolean {
  return TRANSIENT.some((re) => re.test(stderr));
}

/**
 * The reason of a failure: helm's last "Error: ..." line without the prefix, plus the lines that continue it (helm 3
 * reports several errors as "N error(s) occurred:" followed by one "* cause" line each; only the causes say what went
 * wrong). Without an "Error:" line, the last non-empty line.
 */
export function helmReason(stderr: string): string {
  const lines = stderr.split("\n").map((l) => l.trim()).filter(Boolean);
  let i = lines.length - 1;
  while (i >= 0 && !lines[i].startsWith("Error:")) i--;
  if (i < 0) return lines[lines.length - 1] ?? "helm failed without output";
  const first = lines[i].replace(/^Error:\s*/, "");
  const rest = lines.slice(i + 1).map((l) => l.replace(/^\*\s*/, ""));
  if (rest.length === 0) return first;
  const multi = /^(.*?)\s*\b\d+ errors? occurred:$/.exec(first);
  if (multi) return [multi[1], rest.join("; ")].filter(Boolean).join(" ");
  return [first, ...rest].join(" ");
}
