/** File lookup: default state file names, globs (sorted, as Go's filepath.Glob), paths relative to a base dir. */
import * as fs from "node:fs";
import * as path from "node:path";

/** True when the pattern contains glob metacharacters. */
export function isGlob(p: string): boolean {
  return /[*?[]/.test(p);
}

function segmentRegex(seg: string): RegExp {
  let re = "";
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const end = seg.indexOf("]", i + 1);
      if (end < 0) re += "\\[";
      else {
        let cls = seg.slice(i + 1, end);
        if (cls.startsWith("^") || cls.startsWith("!")) cls = "^" + cls.slice(1);
        re += `[${cls}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

/**
 * Expands a glob relative to `baseDir` into sorted absolute paths of existing entries (`**` matches any depth).
 * A pattern without metacharacters yields itself if it exists.
 */
export function expandGlob(pattern: string, baseDir: string): string[] {
  const abs = path.resolve(baseDir, pattern);
  if (!isGlob(pattern)) return fs.existsSync(abs) ? [abs] : [];
  const root = path.parse(abs).root;
  const segs = abs.slice(root.length).split(path.sep).filter(Boolean);
  let current = [root];
  for (const seg of segs) {
    const next: string[] = [];
    for (const dir of current) {
      if (!isGlob(seg)) {
        const p = path.join(dir, seg);
        if (fs.existsSync(p)) next.push(p);
        continue;
      }
      if (seg === "**") {
        next.push(...walkDirs(dir));
        continue;
      }
      let entries: string[] = [];
      try {
        entries = fs.readdirSync(dir);
      } catch {
        continue;
      }
      const re = segmentRegex(seg);
      for (const e of entries.sort()) if (re.test(e)) next.push(path.join(dir, e));
    }
    current = next;
  }
  return [...new Set(current)].sort();
}

function walkDirs(dir: string): string[] {
  const out = [dir];
  let entries: fs.Dirent[] = [];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) if (e.isDirectory()) out.push(...walkDirs(path.join(dir, e.name)));
  return out;
}

/**
 * The state files a `-f` argument designates: a file as is; a directory's `helmfile.yaml`, `helmfile.yaml.gotmpl`,
 * else its `helmfile.d/*.y*ml[.gotmpl]` sorted (helmfile's default lookup). Returns absolute paths; empty if none.
 */
export function findStateFiles(fileOrDir: string): string[] {
  const abs = path.resolve(fileOrDir);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(abs);
  } catch {
    return [];
  }
  if (stat.isFile()) return [abs];
  for (const name of ["helmfile.yaml", "helmfile.yaml.gotmpl"]) {
    const p = path.join(abs, name);
    if (fs.existsSync(p)) return [p];
  }
  const d = path.join(abs, "helmfile.d");
  if (!fs.existsSync(d)) return [];
  return fs
    .readdirSync(d)
    .filter((n) => /\.y[^.]*ml(\.gotmpl)?$/.test(n) || /\.y[^.]*ml$/.test(n))
    .sort()
    .map((n) => path.join(d, n))
    .filter((p) => fs.statSync(p).isFile());
}
