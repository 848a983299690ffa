/** Plain-data helpers: class instances (e.g. Pulumi Outputs) are opaque leaves, never inspected or cloned. */

/** A plain object map (prototype Object.prototype or null). */
export type PlainMap = Record<string, unknown>;

/** True for `{}`-style objects; false for arrays, null and class instances. */
export function isPlainObject(v: unknown): v is PlainMap {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Deep copy of plain maps and arrays; other values (scalars, class instances) are shared. */
export function clonePlain<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => clonePlain(x)) as T;
  if (isPlainObject(v)) {
    const out: PlainMap = {};
    for (const [k, x] of Object.entries(v)) out[k] = clonePlain(x);
    return out as T;
  }
  return v;
}

/** Structural equality of plain data (class instances compared by identity). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}
