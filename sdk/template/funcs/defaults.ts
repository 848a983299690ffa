/** sprig defaults.go (default, empty, coalesce, all, any, ternary, JSON) and reflect.go (typeOf, kindOf, …). */
import { fail } from "../errors";
import { f, FuncMap } from "../exec/types";
import { GoValue, typeName } from "../value";
import { deepEqual, empty, kindName } from "./equal";
import { marshalJson, unmarshalJson } from "./json";

const nn = (v: GoValue): GoValue => (v === undefined ? null : v);

export function defaultFuncs(): FuncMap {
  const m: FuncMap = new Map();
  m.set("default", f(["any"], (d: GoValue, ...given: GoValue[]) => (given.length === 0 || empty(given[0]) ? nn(d) : nn(given[0])), "any"));
  m.set("empty", f(["any"], (v: GoValue) => empty(v)));
  m.set("coalesce", f([], (...v: GoValue[]) => nn(v.find((x) => !empty(x))), "any"));
  m.set("all", f([], (...v: GoValue[]) => v.every((x) => !empty(x)), "any"));
  m.set("any", f([], (...v: GoValue[]) => v.some((x) => !empty(x)), "any"));
  m.set("ternary", f(["any", "any", "bool"], (vt: GoValue, vf: GoValue, b: boolean) => nn(b ? vt : vf)));
  const safe = (fn: () => string) => {
    try {
      return fn();
    } catch {
      return "";
    }
  };
  m.set("toJson", f(["any"], (v: GoValue) => safe(() => marshalJson(v, true))));
  m.set("mustToJson", f(["any"], (v: GoValue) => marshalJson(v, true)));
  m.set("toPrettyJson", f(["any"], (v: GoValue) => safe(() => marshalJson(v, true, "  "))));
  m.set("mustToPrettyJson", f(["any"], (v: GoValue) => marshalJson(v, true, "  ")));
  m.set("toRawJson", f(["any"], (v: GoValue) => marshalJson(v, false)));
  m.set("mustToRawJson", f(["any"], (v: GoValue) => marshalJson(v, false)));
  m.set("fromJson", f(["string"], (s: string) => {
    try {
      return unmarshalJson(s);
    } catch {
      return null;
    }
  }));
  m.set("mustFromJson", f(["string"], unmarshalJson));
  m.set("typeOf", f(["any"], (v: GoValue) => typeName(v)));
  m.set("typeIs", f(["string", "any"], (t: string, v: GoValue) => t === typeName(v)));
  m.set("typeIsLike", f(["string", "any"], (t: string, v: GoValue) => t === typeName(v) || "*" + t === typeName(v)));
  m.set("kindOf", f(["any"], (v: GoValue) => kindName(nn(v))));
  m.set("kindIs", f(["string", "any"], (t: string, v: GoValue) => t === kindName(nn(v))));
  m.set("deepEqual", f(["any", "any"], (a: GoValue, b: GoValue) => deepEqual(a, b)));
  m.set("fail", f(["string"], (msg: string) => fail(msg)));
  return m;
}
