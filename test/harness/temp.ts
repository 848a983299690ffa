/**
 * Temporary directories of a test run. Jest's global setup of each project creates one root (PULUMI_HELMFILE_TEST_TMP)
 * and makes it TMPDIR for the workers and every process they start (our provider's private temp dirs, helmfile's
 * chartify directories, helm's), and its teardown removes it with everything in it: a run leaves nothing in the
 * system's temp directory (PULUMI_HELMFILE_KEEP_TEST_TMP keeps it for debugging; so does PULUMI_HELMFILE_KEEP_TESTBED,
 * since the testbed's directory is made under it too). Outside jest, os.tmpdir().
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT_ENV = "PULUMI_HELMFILE_TEST_TMP";
const SAVED_TMPDIR_ENV = "PULUMI_HELMFILE_TEST_SAVED_TMPDIR";

/** Create the run's root (or keep the one another project's setup made); workers inherit it. */
export function createTestTempRoot(): string {
  const existing = process.env[ROOT_ENV];
  if (existing && fs.existsSync(existing)) return existing;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "phf-run-"));
  process.env[ROOT_ENV] = root;
  process.env[SAVED_TMPDIR_ENV] = process.env.TMPDIR ?? "";
  process.env.TMPDIR = root;
  return root;
}

/** Remove the run's root (jest global teardown). */
export function removeTestTempRoot(): void {
  const root = process.env[ROOT_ENV];
  if (!root || process.env.PULUMI_HELMFILE_KEEP_TEST_TMP || process.env.PULUMI_HELMFILE_KEEP_TESTBED) return;
  fs.rmSync(root, { recursive: true, force: true });
  delete process.env[ROOT_ENV];
  const saved = process.env[SAVED_TMPDIR_ENV];
  if (saved) process.env.TMPDIR = saved;
  else delete process.env.TMPDIR;
  delete process.env[SAVED_TMPDIR_ENV];
}

/** A fresh private temp directory for one test, named `phf-<prefix>-…`, removed with the run's root. */
export function tempDir(prefix: string): string {
  const root = process.env[ROOT_ENV];
  const base = root && fs.existsSync(root) ? root : os.tmpdir();
  return fs.mkdtempSync(path.join(base, `phf-${prefix}-`));
}
