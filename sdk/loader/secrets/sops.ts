/**
 * The sops driver: the one module of the loader that runs sops. Decrypts to stdout (a pipe into this process), so no
 * decrypted file is ever written; encrypted input that is not a file of its own (an inline `secrets:` map, a
 * `key_type=base64` reference) goes in on stdin. sops finds its keys the usual way, from the environment given
 * (SOPS_AGE_KEY_FILE, SOPS_AGE_KEY, SOPS_AGE_KEY_CMD, ~/.config/sops/age/keys.txt, GNUPGHOME's keyring, cloud KMS
 * credentials). Its stderr is never shown: for a tampered file it prints the file's MAC (a hash of the plaintext).
 */
import { spawnSync } from "node:child_process";
import { HelmfileLoadError, type LoadErrorLocation } from "../errors";

/** sops' `--input-type`/`--output-type` values. */
export type SopsFormat = "yaml" | "json" | "dotenv" | "ini" | "binary";

/** One decryption. */
export interface SopsRequest {
  /** The encrypted file, or the name reported in errors when `content` is given. */
  file: string;
  /** Encrypted text to decrypt instead of reading `file` (passed on stdin). */
  content?: string;
  /** Input and output format; unset: sops picks it from the file's extension. */
  format?: SopsFormat;
  /** Process environment (keys, PATH). */
  env: Record<string, string | undefined>;
}

/** The sops binary: $PULUMI_HELMFILE_SOPS, else `sops` on PATH. */
export function sopsBinary(env: Record<string, string | undefined>): string {
  return env.PULUMI_HELMFILE_SOPS || "sops";
}

/** What each sops exit code means, in words that hold no secret (sops' codes/codes.go). */
function reasonOf(status: number): string {
  switch (status) {
    case 128:
      return "sops found no key to decrypt it with: none of the file's recipients has a key here (SOPS_AGE_KEY_FILE, SOPS_AGE_KEY, SOPS_AGE_KEY_CMD, ~/.config/sops/age/keys.txt, the PGP keyring, KMS credentials)";
    case 24:
    case 25:
    case 51:
    case 52:
      return "the sops file is corrupted or was tampered with: its values or its MAC do not verify";
    case 2:
      return "sops could not read the file";
    default:
      return `sops failed with exit code ${status} (is it a sops-encrypted file? run \`sops --decrypt\` on it to see sops' message)`;
  }
}

/** Decrypts with sops and returns the plaintext. Fails with a {@link HelmfileLoadError} naming the file (never its content). */
export function sopsDecrypt(req: SopsRequest, where: LoadErrorLocation = {}): string {
  // Without a file name, `sops decrypt` reads stdin (a socket here: /dev/stdin cannot be opened on one).
  const args = ["decrypt", ...(req.format ? ["--input-type", req.format, "--output-type", req.format] : [])];
  if (req.content === undefined) args.push(req.file);
  else args.push("--filename-override", `stdin.${req.format ?? "yaml"}`);
  const bin = sopsBinary(req.env);
  const r = spawnSync(bin, args, {
    env: req.env as NodeJS.ProcessEnv,
    input: req.content,
    shell: false,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    stdio: ["pipe", "pipe", "pipe"],
  });
  if (r.error) {
    const missing = (r.error as NodeJS.ErrnoException).code === "ENOENT";
    const why = missing ? `sops was not found (${bin}; install sops or set PULUMI_HELMFILE_SOPS)` : `sops could not be run: ${r.error.message}`;
    throw new HelmfileLoadError(`cannot decrypt: ${why}`, { ...where, file: req.file });
  }
  if (r.status !== 0) {
    const why = r.status === null ? `sops was stopped by ${r.signal}` : reasonOf(r.status);
    throw new HelmfileLoadError(`cannot decrypt: ${why}`, { ...where, file: req.file });
  }
  return r.stdout;
}
