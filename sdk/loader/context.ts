/** Settings and bookkeeping shared by one load. */
import type { SecretSource } from "./secrets/source";

/** What every step of one `loadHelmfile`/`resolveHelmfileSpec` call needs. */
export interface LoadContext {
  /** Selected environment name. */
  environment: string;
  /** Process environment seen by templates and used for repository credential fallbacks. */
  processEnv: Record<string, string | undefined>;
  /** Turns exec/readFile/readDir template functions into errors. */
  disableInsecureFeatures?: boolean;
  /** Loading for `deps`: helmfile.lock pins nothing, and lock-managed releases record their lock (`lockable`). */
  forDeps?: boolean;
  /** Absolute paths of files read so far (insertion-ordered). */
  files: Set<string>;
  /** sops-decrypted files and vals references (./secrets/source.ts). */
  secrets: SecretSource;
}
