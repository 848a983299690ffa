/** sprig dict functions (dict.go), with a port of mergo's map merge as sprig calls it. */
import { fail } from "../errors";
import { f, FuncMap } from "../exec/types";
import { elemType, GoMap, GoValue, isMap, GoFloat, typed } from "../value";
import { strval } from "./conv";
import { empty } from "./equal";

/** mergo deepMerge for map[string]interface{} (Merge / MergeWithOverwrite). Mutates dst. */
export function mergoMerge(dst: GoMap, src: GoMap, overwrite: boolean): void {
  const srcEmpty = Object.keys(src).length === 0;
  for (const key of Object.keys(src)) {
    const se = src[key] ?? null;
    const hasDst = Object.prototype.hasOwnProperty.call(dst, key);
    const de = hasDst ? (dst[key] ?? null) : undefined;
    if (se === null) {
      if (overwrite) dst[key] = null;
      continue;
    }
    if (isMap(se)) {
      if (de !== undefined && isMap(de)) mergoMerge(de, se, overwrite);
    } else if (Array.isArray(se)) {
      const dstEmpty = Object.keys(dst).length === 0;
      let dstSlice: GoValue = de === undefined || de === null ? [] : de;
      if (!srcEmpty && (overwrite || dstEmpty)) dstSlice = se;
      dst[key] = dstSlice;
    }
    if (de !== undefined && !empty(de)) {
      if (Array.isArray(se)) continue;
      if (isMap(se) && isMap(de)) continue;
    }
    if (overwrite || de === undefined || empty(de)) dst[key] = se;
  }
}

function copyValue(v: GoValue): GoValue {
  if (Array.isArray(v)) {
    const out = v.map(copyValue);
    return elemType(v) === "interface {}" ? out : typed(out, elemType(v));
  }
  if (v instanceof GoFloat) return v;
  if (isMap(v)) {
    const out: GoMap = {};
    for (const k of Object.keys(v)) out[k] = copyValue(v[k]);
    return elemType(v) === "interface {}" ? out : typed(out, elemType(v));
  }
  return v === undefined ? null : v;
}

function digFromDict(dict: GoMap, d: GoValue, ks: string[]): GoValue {
  const [k, ...ns] = ks;
  if (!Object.prototype.hasOwnProperty.call(dict, k)) return d;
  const step = dict[k] ?? null;
  if (ns.length === 0) return step;
  if (!isMap(step)) fail(`interface conversion: interface {} is ${step === null ? "nil" : typeNameOf(step)}, not map[string]interface {}`);
  return digFromDict(step, d, ns);
}
function typeNameOf(v: GoValue): string {
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "bigint") return "int64";
  if (typeof v === "number") return Number.isSafeInteger(v) ? "int" : "float64";
  if (v instanceof GoFloat) return "float64";
  if (Array.isArray(v)) return "[]interface {}";
  return "map[string]interface {}";
}

const has = (m: GoMap | null, k: string) => m !== null && Object.prototype.hasOwnProperty.call(m, k);

function assignToNil(): never {
  fail("assignment to entry in nil map");
}

export function dictFuncs(): FuncMap {
  const m: FuncMap = new Map();
  m.set("dict", f([], (...v: GoValue[]) => {
    const d: GoMap = {};
    for (let i = 0; i < v.length; i += 2) {
      const key = strval(v[i] ?? null);
      d[key] = i + 1 >= v.length ? "" : (v[i + 1] ?? null);
    }
    return d;
  }, "any"));
  m.set("get", f(["map", "string"], (d: GoMap | null, k: string) => (has(d, k) ? (d![k] ?? null) : "")));
  m.set("set", f(["map", "string", "any"], (d: GoMap | null, k: string, v: GoValue) => {
    if (d === null) assignToNil();
    d[k] = v ?? null;
    return d;
  }));
  m.set("unset", f(["map", "string"], (d: GoMap | null, k: string) => {
    if (d !== null) delete d[k];
    return d;
  }));
  m.set("hasKey", f(["map", "string"], (d: GoMap | null, k: string) => has(d, k)));
  m.set("pluck", f(["string"], (k: string, ...ds: (GoMap | null)[]) => ds.filter((d) => has(d, k)).map((d) => d![k] ?? null), "map"));
  m.set("keys", f([], (...ds: (GoMap | null)[]) => typed(ds.flatMap((d) => (d ? Object.keys(d) : [])), "string"), "map"));
  m.set("values", f(["map"], (d: GoMap | null) => (d ? Object.values(d).map((x) => x ?? null) : [])));
  m.set("pick", f(["map"], (d: GoMap | null, ...ks: string[]) => {
    const r: GoMap = {};
    for (const k of ks) if (has(d, k)) r[k] = d![k] ?? null;
    return r;
  }, "string"));
  m.set("omit", f(["map"], (d: GoMap | null, ...ks: string[]) => {
    const r: GoMap = {};
    const omit = new Set(ks);
    if (d) for (const k of Object.keys(d)) if (!omit.has(k)) r[k] = d[k] ?? null;
    return r;
  }, "string"));
  const merger = (overwrite: boolean) =>
    f(["map"], (dst: GoMap | null, ...srcs: (GoMap | null)[]) => {
      let d = dst ?? {}; // a nil map result prints as map[] (and mergo allocates it when merging into it)
      for (const s of srcs) {
        if (s === null) continue;
        if (d === null) d = {}; // mergo allocates the (addressable) nil destination
        mergoMerge(d, s, overwrite);
      }
      return d;
    }, "map");
  m.set("merge", merger(false));
  m.set("mustMerge", merger(false));
  m.set("mergeOverwrite", merger(true));
  m.set("mustMergeOverwrite", merger(true));
  const deepCopy = (v: GoValue) => {
    if (v === null || v === undefined) fail("reflect: call of reflect.Value.Type on zero Value");
    return copyValue(v);
  };
  m.set("deepCopy", f(["any"], deepCopy));
  m.set("mustDeepCopy", f(["any"], deepCopy));
  m.set("dig", f([], (...ps: GoValue[]) => {
    if (ps.length < 3) fail("dig needs at least three arguments");
    const dict = ps[ps.length - 1];
    if (!isMap(dict)) fail(`interface conversion: interface {} is ${dict === null || dict === undefined ? "nil" : typeNameOf(dict)}, not map[string]interface {}`);
    const def = ps[ps.length - 2] ?? null;
    const ks = ps.slice(0, -2).map((k) => {
      if (typeof k !== "string") fail(`interface conversion: interface {} is ${k === null || k === undefined ? "nil" : typeNameOf(k)}, not string`);
      return k;
    });
    return digFromDict(dict, def, ks);
  }, "any"));
  return m;
}
