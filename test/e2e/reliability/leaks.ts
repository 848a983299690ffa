/**
 * Leak probes: run a real command (pulumi up/preview/…) while sampling every process's argv from /proc and the
 * provider's private temp root, then report each place a secret showed up in plaintext:
 * - argv of any process on the machine (sampled every 20 ms while the command runs);
 * - the command's stdout/stderr (provider output and error messages reach the user through them);
 * - temp files: every file seen under the temp root while running must be 0600 (dirs 0700), and nothing may be left
 *   behind after the run;
 * - `pulumi stack export` (without --show-secrets): secrets only as ciphertext.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

export interface LeakReport {
  /** Human-readable findings; empty when nothing leaked. */
  leaks: string[];
  /** Number of distinct command lines sampled (proves the sampler ran). */
  cmdlinesSampled: number;
  /** Number of temp files observed while running (proves the temp root was watched). */
  tempFilesSeen: number;
  /** Temp dirs left by processes that were killed (no exit handler ran); swept by the next provider process. */
  killedLeftovers: string[];
}

function walk(dir: string, out: { file: string; mode: number; dir: boolean }[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    try {
      const st = fs.lstatSync(p);
      out.push({ file: p, mode: st.mode & 0o777, dir: e.isDirectory() });
      if (e.isDirectory()) walk(p, out);
    } catch {
      /* removed meanwhile */
    }
  }
}

/** The provider's temp dirs (pulumi-helmfile-*) under `tempRoot`. */
export function providerTempEntries(tempRoot: string): string[] {
  try {
    return fs.readdirSync(tempRoot).filter((n) => n.startsWith("pulumi-helmfile-"));
  } catch {
    return [];
  }
}

/**
 * Every form of a secret that counts as a leak: the secret itself, its base64 (standard, URL-safe, unpadded), its
 * URL-encoded form, and the first 8 hex digits of the SHA-1 and SHA-256 of the secret and of its base64 (what an
 * unkeyed digest of a Secret's `data`/`stringData` would show — any longer prefix contains these).
 */
export function leakForms(secret: string): { form: string; what: string }[] {
  const b64 = Buffer.from(secret).toString("base64");
  const out = [
    { form: secret, what: "plaintext" },
    { form: b64, what: "base64" },
    { form: b64.replace(/=+$/, ""), what: "base64 (unpadded)" },
    { form: Buffer.from(secret).toString("base64url"), what: "base64url" },
    { form: encodeURIComponent(secret), what: "URL-encoded" },
  ];
  for (const [of, v] of [["", secret], [" of its base64", b64]] as const) {
    for (const algo of ["sha1", "sha256"]) out.push({ form: crypto.createHash(algo).update(v).digest("hex").slice(0, 8), what: `${algo} prefix${of}` });
  }
  return out.filter((f, i, a) => a.findIndex((g) => g.form === f.form) === i);
}

/** Leaks of `secrets`, in any of their {@link leakForms}, in `text` (labelled `where`). */
export function leaksIn(where: string, text: string, secrets: string[]): string[] {
  const out: string[] = [];
  for (const s of secrets) for (const f of leakForms(s)) if (text.includes(f.form)) out.push(`secret (${f.what}) in ${where}`);
  return out;
}

/**
 * Run `fn` while probing. `secrets` are the plaintext values that must never appear; `tempRoot` is the provider's
 * PULUMI_HELMFILE_TMPDIR for this stack (private, so leftovers are attributable).
 */
export async function probeLeaks<T extends { stdout: string; stderr: string }>(
  secrets: string[],
  tempRoot: string,
  fn: () => Promise<T>,
): Promise<{ result: T; report: LeakReport }> {
  const leaks: string[] = [];
  const cmdlines = new Set<string>();
  const seenFiles = new Map<string, { mode: number; dir: boolean }>();
  const fileLeaks = new Set<string>();
  const scanned = new Set<string>();
  const before = new Set(providerTempEntries(tempRoot));
  const sample = () => {
    for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
      try {
        cmdlines.add(fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " "));
      } catch {
        /* exited */
      }
    }
    const files: { file: string; mode: number; dir: boolean }[] = [];
    for (const n of providerTempEntries(tempRoot)) walk(path.join(tempRoot, n), files), files.push({ file: path.join(tempRoot, n), mode: modeOf(path.join(tempRoot, n)), dir: true });
    for (const f of files) if (f.mode >= 0) seenFiles.set(f.file, { mode: f.mode, dir: f.dir });
    // Temp files' contents, each once (values files and kubeconfigs hold secrets by design: plaintext is their job,
    // but no digest or encoding of one may sit beside them).
    for (const f of files) {
      if (f.dir || scanned.has(f.file)) continue;
      scanned.add(f.file);
      try {
        if (fs.statSync(f.file).size > 2 * 1024 * 1024) continue;
        const text = fs.readFileSync(f.file).toString("latin1");
        for (const l of leaksIn(`temp file ${path.basename(f.file)}`, text, secrets)) if (!/\(plaintext\)|\(URL-encoded\)/.test(l)) fileLeaks.add(l);
      } catch {
        /* removed meanwhile */
      }
    }
  };
  const timer = setInterval(sample, 20);
  let result: T;
  try {
    result = await fn();
  } finally {
    clearInterval(timer);
  }
  sample();
  for (const s of secrets) {
    const hits = [...cmdlines].filter((c) => leakForms(s).some((f) => c.includes(f.form)));
    if (hits.length) leaks.push(`secret in argv of ${hits.length} process(es): ${hits[0].slice(0, 200).split(s).join("<SECRET>")}`);
  }
  leaks.push(...leaksIn("stdout", result.stdout, secrets), ...leaksIn("stderr", result.stderr, secrets), ...fileLeaks);
  // A file or dir is exposed when it has group/other bits and no directory between it and the temp root is private
  // (0700). Files helm itself writes (e.g. a pulled chart archive, 0644) inside the provider's 0700 dirs are not.
  const privateDir = (d: string) => {
    const m = seenFiles.get(d);
    return m !== undefined && m.dir && (m.mode & 0o077) === 0;
  };
  for (const [file, { mode, dir }] of seenFiles) {
    if ((mode & 0o077) === 0) continue;
    let protectedBy = "";
    for (let d = path.dirname(file); d.startsWith(tempRoot) && d !== tempRoot; d = path.dirname(d)) if (privateDir(d)) protectedBy = d;
    if (!protectedBy) leaks.push(`temp ${dir ? "dir" : "file"} ${file} had mode ${mode.toString(8)} and no private (0700) parent`);
  }
  // The engine stops plugin processes as the CLI exits: give their exit handlers up to 10 s to remove their dirs.
  const alive = (n: string) => {
    try {
      process.kill(Number(/^pulumi-helmfile-(\d+)-/.exec(n)?.[1]), 0);
      return true;
    } catch {
      return false;
    }
  };
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
    if (!providerTempEntries(tempRoot).some((n) => !before.has(n) && alive(n))) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const left = providerTempEntries(tempRoot).filter((n) => !before.has(n));
  // A process the engine killed hard cannot run its exit handler: its dirs stay until the next provider process
  // sweeps them (sweepStaleTempDirs). Reported separately; a live process's leftovers are a leak.
  const killedLeftovers = left.filter((n) => !alive(n));
  const liveLeftovers = left.filter((n) => alive(n));
  if (liveLeftovers.length) leaks.push(`temp dirs left by running processes after the run: ${liveLeftovers.join(", ")}`);
  return { result, report: { leaks, cmdlinesSampled: cmdlines.size, tempFilesSeen: seenFiles.size, killedLeftovers } };
}

function modeOf(p: string): number {
  try {
    return fs.statSync(p).mode & 0o777;
  } catch {
    return -1;
  }
}

/** Plaintext secrets in a `pulumi stack export` (without --show-secrets). */
export function stateLeaks(exported: string, secrets: string[]): string[] {
  const out: string[] = [];
  out.push(...leaksIn("stack export", exported, secrets));
  // Secrets must be present as ciphertext: the export marks them with the secret signature.
  if (!exported.includes("1b47061264138c4ac30d75fd1eb44270")) out.push("no secret ciphertext in stack export");
  return out;
}
