/**
 * vals references (`ref+BACKEND://PATH[?QUERY][#/FRAGMENT][+]`, `secretref+…`) in strings and trees, as vals v0.46.1
 * expands them (pkg/expansion/expand_match.go, maputil.go; vals.go Lookup). Pure: the backends are behind `lookup`.
 */
import { isPlainObject } from "../plainObject";

/** vals' DefaultRefRegexp. */
const REF = /((secret)?ref)\+([^+:]*:\/\/[^+\n ]+[^+\n ",])\+?/;
const REF_PREFIX = /(secret)?ref\+/g;
const MAX_NESTING = 10;

/** A reference could not be resolved; `ref` is the reference text (without `ref+`), never a resolved value. */
export class RefError extends Error {
  constructor(
    readonly ref: string,
    reason: string,
  ) {
    super(`ref+${ref}: ${reason}`);
    this.name = "RefError";
  }
}

/** Resolves one reference (the text after `ref+`, without the trailing `+`) to its value. */
export type Lookup = (ref: string) => unknown;

/** True when `s` holds a vals reference. */
export function hasRef(s: string): boolean {
  return REF.test(s);
}

/** Go's `%v` of a resolved scalar, as vals writes it into a string. */
function formatScalar(ref: string, v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  // vals prints Go's map[…]/[…] syntax; helm would get that text. Refused rather than imitated.
  throw new RefError(ref, "resolves to a map or a list, which cannot be part of a longer string");
}

/** Nested references (`ref+echo://ref+envsubst://$X/y`) resolved inside-out (resolveInnerRefs). */
function resolveInner(s: string, lookup: Lookup, depth: number): string {
  if (depth >= MAX_NESTING) throw new RefError(s, `maximum nesting depth (${MAX_NESTING}) exceeded`);
  const starts = [...s.matchAll(REF_PREFIX)].map((m) => [m.index, m.index + m[0].length] as const);
  if (starts.length <= 1) return s;
  for (let i = starts.length - 1; i >= 1; i--) {
    const between = s.slice(starts[i - 1][1], starts[i][0]);
    if (/[ \n\r\t",]/.test(between)) continue;
    const sub = s.slice(starts[i][0]);
    const m = REF.exec(sub);
    if (!m) continue;
    const v = lookup(m[3]);
    if (v === null || v === undefined || typeof v === "object") throw new RefError(m[3], "a nested reference must resolve to a scalar");
    const from = starts[i][0] + m.index;
    return resolveInner(s.slice(0, from) + String(v) + s.slice(from + m[0].length), lookup, depth + 1);
  }
  return s;
}

/** Every reference in `s` replaced by its value's text (InString). */
export function expandInString(s: string, lookup: Lookup): string {
  let rest = resolveInner(s, lookup, 0);
  let out = "";
  for (;;) {
    const m = REF.exec(rest);
    if (!m) return out + rest;
    out += rest.slice(0, m.index) + formatScalar(m[3], lookup(m[3]));
    rest = rest.slice(m.index + m[0].length);
  }
}

/** A string that is one whole reference becomes its value (type kept); one with references inside, a string (InValue). */
export function expandInValue(s: string, lookup: Lookup): unknown {
  const t = resolveInner(s, lookup, 0);
  const m = REF.exec(t);
  if (!m) return t;
  if (m.index === 0 && m[0].length === t.length) return lookup(m[3]);
  return expandInString(t, lookup);
}

/**
 * vals' Eval: every string in maps and lists expanded (ModifyStringValues); other leaves (numbers, opaque objects)
 * kept. A map key holding a reference (vals merges the map it resolves to) is refused.
 */
export function expandTree(v: unknown, lookup: Lookup): unknown {
  if (typeof v === "string") return expandInValue(v, lookup);
  if (Array.isArray(v)) return v.map((x) => expandTree(x, lookup));
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const km = REF.exec(k);
      if (km) throw new RefError(km[3], "a reference as a map key (merging the map it resolves to) is not supported");
      out[k] = expandTree(x, lookup);
    }
    return out;
  }
  return v;
}

/** True when a tree holds a string with a reference (vals is then needed). */
export function treeHasRef(v: unknown): boolean {
  if (typeof v === "string") return hasRef(v);
  if (Array.isArray(v)) return v.some(treeHasRef);
  if (isPlainObject(v)) return Object.entries(v).some(([k, x]) => hasRef(k) || treeHasRef(x));
  return false;
}

/** A reference split as vals' Lookup reads it with Go's url.Parse. */
export interface ParsedRef {
  /** The backend (`echo`, `file`, `sops`, `vault`, …). */
  scheme: string;
  /** host and path joined with `/` (vals' `path`). */
  path: string;
  /** Query parameters (first value of each). */
  params: Record<string, string>;
  /** The fragment's keys (`#/a/b` → ["a", "b"]); undefined without a fragment. */
  keys?: string[];
}

function unescape(ref: string, s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new RefError(ref, "invalid percent-encoding");
  }
}

/** Splits `scheme://host/path?query#fragment` like url.Parse and vals' Lookup. */
export function parseRef(ref: string): ParsedRef {
  const sep = ref.indexOf("://");
  if (sep <= 0) throw new RefError(ref, "not a reference: expected BACKEND://…");
  const scheme = ref.slice(0, sep).toLowerCase();
  let rest = ref.slice(sep + 3);
  let fragment: string | undefined;
  const hash = rest.indexOf("#");
  if (hash >= 0) {
    fragment = unescape(ref, rest.slice(hash + 1));
    rest = rest.slice(0, hash);
  }
  const params: Record<string, string> = {};
  const q = rest.indexOf("?");
  if (q >= 0) {
    for (const [k, v] of new URLSearchParams(rest.slice(q + 1))) if (!(k in params)) params[k] = v;
    rest = rest.slice(0, q);
  }
  const slash = rest.indexOf("/");
  const host = slash < 0 ? rest : rest.slice(0, slash);
  let p = slash < 0 ? "" : unescape(ref, rest.slice(slash));
  if (host !== "") p = p.replace(/^\//, "");
  const path = [host, p].filter((x) => x !== "").join("/");
  const frag = fragment?.replace(/^#/, "").replace(/^\//, "");
  return { scheme, path, params, ...(frag ? { keys: frag.split("/") } : {}) };
}

/** The value at `keys` in a document a backend returned; a missing key fails (no silent empty value). */
export function valueAt(ref: string, doc: Record<string, unknown>, keys: string[]): unknown {
  let cur: unknown = doc;
  for (let i = 0; i < keys.length; i++) {
    if (!isPlainObject(cur)) throw new RefError(ref, `key "${keys.slice(0, i).join("/")}" holds no map, so it has no key "${keys[i]}"`);
    if (!(keys[i] in cur)) throw new RefError(ref, `no value found for key "${keys.slice(0, i + 1).join("/")}"`);
    cur = cur[keys[i]];
  }
  return cur;
}
