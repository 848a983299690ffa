/**
 * The merge rules helmfile applies, one function per rule:
 * - {@link mergeMaps}: pkg/maputil MergeMaps (state-value layers; arrays replaced unless sparse with nulls);
 * - {@link mergeValuesOverride}: mergo.WithOverride on value maps (values entries of one environment);
 * - {@link mergeStructOverride} / {@link mergeStructAppend} / {@link mergeStructFill}: mergo on state/release
 *   structs (`---` parts, `bases`, `inherit`), where Go zero values count as "empty".
 */
import { isPlainObject, type PlainMap } from "./plainObject";

/** How arrays meet in {@link mergeMaps}. */
export type ArrayMergeStrategy = "sparse" | "replace" | "merge";

/** helmfile's maputil.MergeMaps: maps deep-merged; null never overwrites an existing key; arrays per strategy. */
export function mergeMaps(a: PlainMap, b: PlainMap, strategy: ArrayMergeStrategy = "sparse"): PlainMap {
  const out: PlainMap = { ...a };
  for (const [k, v] of Object.entries(b)) {
    if (v === null || v === undefined) {
      if (!(k in out)) out[k] = null;
      continue;
    }
    const cur = out[k];
    if (isPlainObject(v) && isPlainObject(cur)) {
      out[k] = mergeMaps(cur, v, strategy);
    } else if (Array.isArray(v) && Array.isArray(cur)) {
      out[k] = mergeSlices(cur, v, strategy);
    } else {
      out[k] = v;
    }
  }
  return out;
}

function mergeSlices(base: unknown[], override: unknown[], strategy: ArrayMergeStrategy): unknown[] {
  if (strategy === "replace") return override;
  if (strategy === "sparse" && !override.some((v) => v === null || v === undefined)) return override;
  const result = base.slice();
  while (result.length < override.length) result.push(null);
  override.forEach((v, i) => {
    if (v === null || v === undefined) return;
    const b = base[i];
    result[i] = isPlainObject(v) && isPlainObject(b) ? mergeMaps(b, v, strategy) : v;
  });
  return result;
}

/** mergo.Merge(dst, src, WithOverride) on value maps: maps deep-merged, anything else (null included) overrides. */
export function mergeValuesOverride(dst: PlainMap, src: PlainMap): PlainMap {
  const out: PlainMap = { ...dst };
  for (const [k, v] of Object.entries(src)) {
    if (v === undefined) continue;
    const cur = out[k];
    out[k] = isPlainObject(v) && isPlainObject(cur) ? mergeValuesOverride(cur, v) : v;
  }
  return out;
}

/** Go zero value test for a decoded field ("empty" in mergo's sense). */
export function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (v === "" || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isPlainObject(v)) return Object.keys(v).length === 0;
  return false;
}

/** Field kinds needed to apply mergo to a struct: which fields are Go pointers, which are struct-valued or maps. */
export interface StructShape {
  /** Fields declared as Go pointers (`*bool`, `*int`, `*string`): a nil dst takes any set src, even false/0/"". */
  pointers: ReadonlySet<string>;
  /** Struct-valued fields merged field by field, with their own shape. */
  structs?: Readonly<Record<string, StructShape>>;
  /** Go map fields merged key by key (values replaced per key). */
  maps?: ReadonlySet<string>;
}

type Mode = "override" | "append" | "fill";

function mergeStruct(dst: PlainMap, src: PlainMap, shape: StructShape, mode: Mode): PlainMap {
  const overwrite = mode !== "fill";
  const out: PlainMap = { ...dst };
  for (const [k, v] of Object.entries(src)) {
    if (v === undefined || v === null) continue;
    const cur = out[k];
    // A Go pointer that is nil in dst is always set from a non-nil src (even to false/0); once set, mergo
    // dereferences it and merges the pointees like plain values (so a src false never overrides a dst true).
    if (shape.pointers.has(k) && (cur === undefined || cur === null)) {
      out[k] = v;
      continue;
    }
    const sub = shape.structs?.[k];
    if (sub && isPlainObject(v)) {
      out[k] = mergeStruct(isPlainObject(cur) ? cur : {}, v, sub, mode);
    } else if (shape.maps?.has(k) && isPlainObject(v)) {
      const m: PlainMap = { ...(isPlainObject(cur) ? cur : {}) };
      for (const [mk, mv] of Object.entries(v)) if (overwrite || isEmpty(m[mk])) m[mk] = mv;
      out[k] = m;
    } else if (Array.isArray(v)) {
      if (mode === "override") {
        if (v.length > 0) out[k] = v;
      } else if (mode === "append") {
        out[k] = [...(Array.isArray(cur) ? cur : []), ...v];
      } else if (isEmpty(cur)) {
        out[k] = v;
      }
    } else if ((isEmpty(cur) || overwrite) && !isEmpty(v)) {
      out[k] = v;
    }
  }
  return out;
}

/** mergo.Merge(dst, src, WithOverride): non-empty src fields win, slices replaced, maps merged key-wise. */
export function mergeStructOverride(dst: PlainMap, src: PlainMap, shape: StructShape): PlainMap {
  return mergeStruct(dst, src, shape, "override");
}

/** mergo.Merge(dst, src, WithAppendSlice, WithOverride): like override, but slices appended. */
export function mergeStructAppend(dst: PlainMap, src: PlainMap, shape: StructShape): PlainMap {
  return mergeStruct(dst, src, shape, "append");
}

/** mergo.Merge(dst, src) without options: empty dst fields filled from src, dst values kept. */
export function mergeStructFill(dst: PlainMap, src: PlainMap, shape: StructShape): PlainMap {
  return mergeStruct(dst, src, shape, "fill");
}
