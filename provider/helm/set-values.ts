/**
 * helm's `--set` / `--set-string` / `--set-file` written as a values object instead of command-line arguments, so a
 * secret given through `set` never reaches argv. Key syntax as helm's strvals: `a.b.c`, list indexes `a[0].b`,
 * escaped dots `a\.b`. Types as `--set`: true/false → bool, integers → number, null → null, otherwise a string.
 * Known differences: helm's `--set list[1]=x` edits one element of an existing list; as a values layer the list
 * written here replaces the whole list. And helm reads every number of a values file as a float64, so an integer
 * given through `set` renders like one from a values file: `{{ .Values.n }}` with n=1234567 prints `1.234567e+06`
 * (helm's own `--set` keeps an int64 and prints `1234567`; checked with helm 3.22 and 4.3). Charts that print large
 * integers should use `int`/`int64` in their templates, or callers `setString`.
 */
import { PulumiHelmfileError } from "../errors";

/** One `set` entry as helmfile writes it. */
export interface SetEntry {
  name: string;
  value?: unknown;
  /** Read the value from this file's content (helm's --set-file); the caller reads the file. */
  fileContent?: string;
  /** A list value (`--set name={a,b}`). */
  values?: unknown[];
}

type Segment = { key: string } | { index: number };

/** Parse a strvals key into path segments. Throws on malformed keys. */
export function parseSetKey(name: string): Segment[] {
  const segs: Segment[] = [];
  let cur = "";
  let i = 0;
  const flush = () => {
    if (cur !== "") segs.push({ key: cur });
    cur = "";
  };
  while (i < name.length) {
    const c = name[i];
    if (c === "\\" && i + 1 < name.length) {
      cur += name[i + 1];
      i += 2;
    } else if (c === ".") {
      if (cur === "" && (segs.length === 0 || !("index" in segs[segs.length - 1]))) throw new PulumiHelmfileError(`invalid set key '${name}': empty segment`);
      flush();
      i++;
    } else if (c === "[") {
      flush();
      const end = name.indexOf("]", i);
      const idx = end > 0 ? Number(name.slice(i + 1, end)) : NaN;
      if (!Number.isInteger(idx) || idx < 0 || idx > 65536) throw new PulumiHelmfileError(`invalid set key '${name}': bad list index`);
      segs.push({ index: idx });
      i = end + 1;
    } else {
      cur += c;
      i++;
    }
  }
  flush();
  if (segs.length === 0) throw new PulumiHelmfileError(`invalid set key '${name}': empty`);
  return segs;
}

/** helm's `--set` typing of a string value. */
export function typedSetValue(raw: string): unknown {
  if (raw === "true") return true;
  if (raw === "false") return false;
  if (raw === "null") return null;
  if (/^-?(0|[1-9]\d{0,17})$/.test(raw)) return Number(raw);
  return raw;
}

function assign(root: Record<string, unknown>, segs: Segment[], value: unknown): void {
  let node: unknown = root;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    const last = i === segs.length - 1;
    const nextIsIndex = !last && "index" in segs[i + 1];
    const container = node as Record<string, unknown> & unknown[];
    const slot = "key" in s ? s.key : s.index;
    if (last) {
      (container as Record<string | number, unknown>)[slot] = value;
      return;
    }
    let child = (container as Record<string | number, unknown>)[slot];
    if (nextIsIndex ? !Array.isArray(child) : child === null || typeof child !== "object" || Array.isArray(child)) {
      child = nextIsIndex ? [] : {};
      (container as Record<string | number, unknown>)[slot] = child;
    }
    node = child;
  }
}

/** Fill holes of sparse arrays with null, as helm does. */
function densify(v: unknown): unknown {
  if (Array.isArray(v)) return Array.from(v, (x) => (x === undefined ? null : densify(x)));
  if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) (v as Record<string, unknown>)[k] = densify(x);
  }
  return v;
}

/**
 * Build the values layer for `set` entries followed by `setString` entries (helm applies --set before --set-string).
 * A `value` that is not a string is kept as is (helmfile allows typed YAML values in `set`).
 */
export function setEntriesToValues(set: readonly SetEntry[], setString: readonly { name: string; value: string }[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const e of set) {
    let v: unknown;
    if (e.fileContent !== undefined) v = e.fileContent;
    else if (e.values !== undefined) v = e.values.map((x) => (typeof x === "string" ? typedSetValue(x) : x));
    else v = typeof e.value === "string" ? typedSetValue(e.value) : e.value;
    assign(out, parseSetKey(e.name), v);
  }
  for (const e of setString) assign(out, parseSetKey(e.name), String(e.value));
  return densify(out) as Record<string, unknown>;
}
