/** `--state-values-set k=v` parsing with helmfile's rules (pkg/maputil ParseKey/Set/typedVal). */

/** Splits `a.b\.c` into keys, `\.` escaping a dot. */
export function parseKey(key: string): string[] {
  const out: string[] = [];
  let part = "";
  let escaped = false;
  for (const ch of key) {
    if (!escaped && ch === "\\") {
      escaped = true;
      continue;
    }
    if (ch === "." && !escaped) {
      out.push(part);
      part = "";
    } else part += ch;
    escaped = false;
  }
  if (part.length > 0) out.push(part);
  return out;
}

/** helmfile's typedVal: true/false/null (any case), "0", integers not starting with 0; otherwise the string. */
export function typedValue(v: string): unknown {
  const l = v.toLowerCase();
  if (l === "true") return true;
  if (l === "false") return false;
  if (l === "null") return null;
  if (v === "0") return 0;
  if (v.length > 0 && v[0] !== "0" && /^[+-]?\d+$/.test(v)) {
    const n = Number(v);
    if (Number.isSafeInteger(n)) return n;
  }
  return v;
}

type Tree = Record<string, unknown>;

function cursor(key: string): { key: string; index?: number } {
  const m = /^([^[\]]+)\[(\d+)\]$/.exec(key);
  return m ? { key: m[1], index: Number(m[2]) } : { key };
}

function descend(m: Tree, seg: string): Tree {
  const c = cursor(seg);
  if (c.index === undefined) {
    if (!(c.key in m) || typeof m[c.key] !== "object" || m[c.key] === null || Array.isArray(m[c.key])) m[c.key] = {};
    return m[c.key] as Tree;
  }
  const arr = Array.isArray(m[c.key]) ? (m[c.key] as unknown[]) : [];
  while (arr.length <= c.index) arr.push(null);
  m[c.key] = arr;
  if (typeof arr[c.index] !== "object" || arr[c.index] === null) arr[c.index] = {};
  return arr[c.index] as Tree;
}

/** helmfile's split of a `--state-values-set-string` argument (pkg/config NewCLIConfigImpl): quotes stay in the value. */
const STRING_ASSIGNMENT = /(?:,|^)([^\s=]+)=(['"][^'"]*['"]|[^,]+)/g;

function assignments(arg: string, strings: boolean): [string, unknown][] {
  if (strings) return [...arg.matchAll(STRING_ASSIGNMENT)].map((m) => [m[1], m[2]]);
  return arg.split(",").map((kv) => {
    const eq = kv.indexOf("=");
    if (eq <= 0) throw new Error(`invalid --state-values-set "${kv}": expected key=value`);
    return [kv.slice(0, eq), typedValue(kv.slice(eq + 1))];
  });
}

/**
 * Applies one `k=v` (or several comma-separated, as helmfile splits on commas) to `into`; with `strings`, values stay
 * strings (`--state-values-set-string`).
 */
export function applyStateValuesSet(into: Tree, assignment: string, o: { strings?: boolean } = {}): void {
  for (const [key, value] of assignments(assignment, o.strings ?? false)) {
    const keys = parseKey(key);
    let m = into;
    for (const k of keys.slice(0, -1)) m = descend(m, k);
    const last = cursor(keys[keys.length - 1]);
    if (last.index === undefined) m[last.key] = value;
    else {
      const arr = Array.isArray(m[last.key]) ? (m[last.key] as unknown[]) : [];
      while (arr.length <= last.index) arr.push(null);
      arr[last.index] = value;
      m[last.key] = arr;
    }
  }
}
