/** Age keys and sops-encrypted files made by a test (real age-keygen and sops from the testbed tools). */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { requireTool, toolPaths } from "./tools";

/** An age identity: its key file (SOPS_AGE_KEY_FILE) and public recipient. */
export interface AgeKey {
  keyFile: string;
  recipient: string;
}

/** A new age key in `dir` (age-keygen). */
export function ageKey(dir: string, name = "age.key"): AgeKey {
  const keyFile = path.join(dir, name);
  execFileSync(requireTool(toolPaths().ageKeygen, "age-keygen"), ["-o", keyFile], { stdio: ["ignore", "ignore", "pipe"] });
  const recipient = /public key: (age1[0-9a-z]+)/.exec(fs.readFileSync(keyFile, "utf8"))?.[1];
  if (!recipient) throw new Error(`age-keygen wrote no public key to ${keyFile}`);
  return { keyFile, recipient };
}

/** `plaintext` (YAML) encrypted by sops for `key`, as the text of a sops YAML file (the plaintext goes in on stdin). */
export function sopsEncrypt(plaintext: string, key: AgeKey, format: "yaml" | "json" = "yaml"): string {
  return execFileSync(
    requireTool(toolPaths().sops, "sops"),
    ["encrypt", "--age", key.recipient, "--input-type", format, "--output-type", format, "--filename-override", `stdin.${format}`],
    { input: plaintext, encoding: "utf8", env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: path.dirname(key.keyFile) } },
  );
}

/** The environment sops needs to decrypt for `key`, and the sops binary pulumi-helmfile runs. */
export function sopsEnv(key: AgeKey): Record<string, string> {
  return { SOPS_AGE_KEY_FILE: key.keyFile, PULUMI_HELMFILE_SOPS: requireTool(toolPaths().sops, "sops") };
}

/** A sops file whose first encrypted value was altered (the MAC no longer verifies). */
export function tampered(encrypted: string): string {
  return encrypted.replace(/ENC\[AES256_GCM,data:([A-Za-z0-9+/])/, (_m, c: string) => `ENC[AES256_GCM,data:${c === "A" ? "B" : "A"}`);
}
