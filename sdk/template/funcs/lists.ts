/** sprig list functions (list.go). */
import { fail } from "../errors";
import { f, FuncMap } from "../exec/types";
import { elemType, GoValue, kindOf, typed } from "../value";
import { deepEqual, empty, kindName } from "./equal";
import { strslice } from "./strings";
import { int64ToInt, toInt64 } from "./conv";

const NIL_DEREF = "runtime error: invalid memory address or nil pointer dereference";

/** reflect.TypeOf(list).Kind() switch used by most list functions. */
function asList(v: GoValue, what: string): GoValue[] {
  if (v === null || v === undefined) fail(NIL_DEREF);
  if (Array.isArray(v)) return v;
  fail(`Cannot ${what} type ${kindName(v)}`);
}

function listFn(name: string, what: string, body: (l: GoValue[], ...rest: GoValue[]) => GoValue, params: ("any" | "int")[] = ["any"], variadic?: "any"): [string, (m: FuncMap) => void] {
  return [
    name,
    (m: FuncMap) => {
      const idx = params.indexOf("any");
      const run = (...args: GoValue[]) => {
        const l = asList(args[idx], what);
        const rest = args.filter((_, i) => i !== idx);
        return body(l, ...rest);
      };
      m.set(name, f(params, run, variadic));
      m.set("must" + name[0].toUpperCase() + name.slice(1), f(params, run, variadic));
    },
  ];
}

function toInt(v: GoValue): number {
  return int64ToInt(toInt64(v));
}

export function listFuncs(): FuncMap {
  const m: FuncMap = new Map();
  const list = f([], (...v: GoValue[]) => v.map((x) => (x === undefined ? null : x)), "any");
  m.set("list", list);
  m.set("tuple", list);
  const defs: [string, (m: FuncMap) => void][] = [
    listFn("push", "push on", (l, v) => [...l, v ?? null], ["any", "any"]),
    listFn("append", "push on", (l, v) => [...l, v ?? null], ["any", "any"]),
    listFn("prepend", "prepend on", (l, v) => [v ?? null, ...l], ["any", "any"]),
    listFn("first", "find first on", (l) => (l.length === 0 ? null : l[0])),
    listFn("last", "find last on", (l) => (l.length === 0 ? null : l[l.length - 1])),
    listFn("rest", "find rest on", (l) => (l.length === 0 ? [] : l.slice(1))),
    listFn("initial", "find initial on", (l) => (l.length === 0 ? [] : l.slice(0, -1))),
    listFn("reverse", "find reverse on", (l) => [...l].reverse()),
    listFn("compact", "compact on", (l) => l.filter((x) => !empty(x))),
    listFn("uniq", "find uniq on", (l) => {
      const out: GoValue[] = [];
      for (const x of l) if (!out.some((y) => deepEqual(x, y))) out.push(x);
      return out;
    }),
    listFn("without", "find without on", (l, ...omit) => l.filter((x) => !omit.some((o) => deepEqual(o ?? null, x))), ["any"], "any"),
    listFn("chunk", "chunk", (l, size) => {
      const s = size as number;
      const len = l.length;
      const cs = Math.floor((len - 1) / s) + 1;
      if (cs < 0) fail(`runtime error: makeslice: len out of range`);
      const out: GoValue[] = typed([], "[]interface {}");
      for (let i = 0; i < cs; i++) {
        let clen = s;
        if (i === cs - 1) {
          clen = Math.floor(len % s);
          if (clen === 0) clen = s;
        }
        out.push(l.slice(i * s, i * s + clen));
      }
      return out;
    }, ["int", "any"]),
  ];
  for (const [, add] of defs) add(m);
  // `append` registered via push's must-variant naming: fix the names sprig uses.
  m.set("mustAppend", m.get("mustPush")!);
  const sliceFn = f(["any"], (l: GoValue, ...idx: GoValue[]) => {
    if (l === null || l === undefined) fail(NIL_DEREF);
    if (!Array.isArray(l)) fail(`list should be type of slice or array but ${kindName(l)}`);
    if (l.length === 0) return null;
    let start = 0;
    let end = l.length;
    if (idx.length > 0) start = toInt(idx[0]);
    if (idx.length > 1) end = toInt(idx[1]);
    if (start < 0 || end > l.length || start > end) fail("reflect.Value.Slice: slice index out of bounds");
    const out = l.slice(start, end);
    return elemType(l) === "interface {}" ? out : typed(out, elemType(l));
  }, "any");
  m.set("slice", sliceFn);
  m.set("mustSlice", sliceFn);
  m.set("has", f(["any", "any"], (needle: GoValue, hay: GoValue) => {
    if (hay === null || hay === undefined) return false;
    if (!Array.isArray(hay)) fail(`Cannot find has on type ${kindName(hay)}`);
    return hay.some((x) => deepEqual(needle ?? null, x));
  }));
  m.set("mustHas", m.get("has")!);
  m.set("sortAlpha", f(["any"], (v: GoValue) => {
    if (Array.isArray(v)) return typed(strslice(v).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))), "string");
    return typed([kindOf(v) === "invalid" ? "<nil>" : (strslice(v)[0] ?? "<nil>")], "string");
  }));
  m.set("concat", f([], (...lists: GoValue[]) => {
    const out: GoValue[] = [];
    for (const l of lists) {
      if (l === null || l === undefined) fail(NIL_DEREF);
      if (!Array.isArray(l)) fail(`Cannot concat type ${kindName(l)} as list`);
      void 0;
      out.push(...l);
    }
    return out;
  }, "any"));
  m.set("until", f(["int"], (n: number) => typed(untilStep(0, n, n < 0 ? -1 : 1), "int")));
  m.set("untilStep", f(["int", "int", "int"], (a: number, b: number, c: number) => typed(untilStep(a, b, c), "int")));
  return m;
}

export function untilStep(start: number, stop: number, step: number): number[] {
  const v: number[] = [];
  if (stop < start) {
    if (step >= 0) return v;
    for (let i = start; i > stop; i += step) v.push(i);
    return v;
  }
  if (step <= 0) return v;
  for (let i = start; i < stop; i += step) v.push(i);
  return v;
}
