/** The text/template builtins (funcs.go): and/or (special-cased by the executor), not, len, index, slice, print*, escapers, comparisons. */
import { fail } from "../errors";
import { formatV, sprint, sprintf, sprintln } from "../format/printf";
import { isPrint } from "../format/quote";
import { f, FuncMap } from "../exec/types";
import { truth } from "../exec/truth";
import { elemType, GoFloat, GoObject, GoValue, isMap, kindOf, typeName } from "../value";
import { GoTime } from "../time";

function sameLoc(a: GoTime, b: GoTime): boolean {
  return JSON.stringify(a.loc) === JSON.stringify(b.loc) && a.mono === b.mono;
}

type Basic = "bool" | "int" | "float" | "string" | "invalid";

function basicKind(v: GoValue): Basic {
  switch (kindOf(v)) {
    case "bool":
      return "bool";
    case "int":
    case "int64":
      return "int";
    case "float64":
      return "float";
    case "string":
      return "string";
    default:
      return "invalid";
  }
}

/** indirectInterface: nil interface → invalid. */
function ii(v: GoValue): GoValue {
  return v === null ? undefined : v;
}

function num(v: GoValue): number | bigint {
  if (v instanceof GoFloat) return v.value;
  return v as number | bigint;
}

function intOf(v: GoValue): bigint {
  return BigInt(v as number | bigint);
}

export function eq(arg1: GoValue, ...arg2: GoValue[]): boolean {
  arg1 = ii(arg1);
  if (arg2.length === 0) fail("missing argument for comparison");
  const k1 = basicKind(arg1);
  for (let arg of arg2) {
    arg = ii(arg);
    const k2 = basicKind(arg);
    let t = false;
    if (k1 !== k2) {
      if (arg1 !== undefined && arg !== undefined) fail(`incompatible types for comparison: ${typeName(arg1)} and ${typeName(arg)}`);
    } else {
      switch (k1) {
        case "bool":
        case "string":
          t = arg1 === arg;
          break;
        case "float":
          t = num(arg1) === num(arg);
          break;
        case "int":
          t = intOf(arg1) === intOf(arg);
          break;
        default: {
          const n1 = arg1 === undefined;
          const n2 = arg === undefined;
          const goKind = (v: GoValue) => (v instanceof GoObject ? v.goKind : kindOf(v));
          if (!n1 && !n2 && arg1 instanceof GoObject && arg instanceof GoObject && arg1.goType === arg.goType) {
            // time.Time compares by value (same instant and location); pointers (e.g. *semver.Version) by identity
            t = arg1 instanceof GoTime && arg instanceof GoTime ? arg1.sec === arg.sec && arg1.nsec === arg.nsec && sameLoc(arg1, arg) : arg1 === arg;
            if (t) return true;
            continue;
          }
          if (!n1 && !n2 && goKind(arg1) !== goKind(arg)) fail(`non-comparable types ${sprintf("%s", [arg1])}: ${typeName(arg1)}, ${typeName(arg)}: ${formatV(arg)}`);
          if (n1 || n2) t = n1 === n2;
          else fail(`non-comparable type ${sprintf("%s", [arg])}: ${typeName(arg)}`);
        }
      }
    }
    if (t) return true;
  }
  return false;
}

export function lt(a: GoValue, b: GoValue): boolean {
  a = ii(a);
  b = ii(b);
  const k1 = basicKind(a);
  if (k1 === "invalid") fail("invalid type for comparison");
  const k2 = basicKind(b);
  if (k2 === "invalid") fail("invalid type for comparison");
  if (k1 !== k2) fail(`incompatible types for comparison: ${typeName(a)} and ${typeName(b)}`);
  switch (k1) {
    case "bool":
      fail("invalid type for comparison");
    case "float":
      return num(a) < num(b);
    case "int":
      return intOf(a) < intOf(b);
    case "string":
      return Buffer.compare(Buffer.from(a as string), Buffer.from(b as string)) < 0;
  }
  return false;
}

function le(a: GoValue, b: GoValue): boolean {
  if (lt(a, b)) return true;
  return eq(a, b);
}

function indexArg(index: GoValue, cap: number): number {
  const k = kindOf(index);
  if (k === "invalid" || k === "nil") fail("cannot index slice/array with nil");
  if (k !== "int" && k !== "int64") fail(`cannot index slice/array with type ${typeName(index)}`);
  const x = Number(index as number | bigint);
  if (x < 0 || x > cap) fail(`index out of range: ${x}`);
  return x;
}

function index(item: GoValue, ...indexes: GoValue[]): GoValue {
  item = ii(item);
  if (item === undefined) fail("index of untyped nil");
  let byte = false; // the current item is a byte from indexing a string (Go's uint8)
  for (let idx of indexes) {
    idx = ii(idx);
    if (item === null || item === undefined) fail("index of nil pointer");
    if (byte) fail("can't index item of type uint8");
    if (typeof item === "string") {
      const bytes: Buffer = Buffer.from(item, "utf8");
      const x = indexArg(idx, bytes.length);
      if (x >= bytes.length) fail(`reflect: string index out of range`);
      item = bytes[x];
      byte = true;
    } else if (Array.isArray(item)) {
      const x = indexArg(idx, item.length);
      if (x >= item.length) fail(`reflect: slice index out of range`);
      item = item[x] === undefined ? null : item[x];
    } else if (isMap(item)) {
      if (idx === undefined) fail("value is nil; should be of type string");
      if (typeof idx !== "string") fail(`value has type ${typeName(idx)}; should be string`);
      const zero: GoValue = elemType(item) === "string" ? "" : null;
      item = Object.prototype.hasOwnProperty.call(item, idx) ? (item[idx] ?? null) : zero;
    } else fail(`can't index item of type ${typeName(item)}`);
  }
  return item;
}

function sliceFn(item: GoValue, ...indexes: GoValue[]): GoValue {
  item = ii(item);
  if (item === undefined) fail("slice of untyped nil");
  if (indexes.length > 3) fail(`too many slice indexes: ${indexes.length}`);
  let cap: number;
  let len: number;
  if (typeof item === "string") {
    if (indexes.length === 3) fail("cannot 3-index slice a string");
    cap = len = Buffer.byteLength(item);
  } else if (Array.isArray(item)) cap = len = item.length;
  else fail(`can't slice item of type ${typeName(item)}`);
  const idx = [0, len, 0];
  indexes.forEach((x, i) => (idx[i] = indexArg(ii(x), cap)));
  if (idx[0] > idx[1]) fail(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1] > idx[2]) fail(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (typeof item === "string") return Buffer.from(item, "utf8").subarray(idx[0], idx[1]).toString("utf8");
  return (item as GoValue[]).slice(idx[0], idx[1]);
}

function length(item: GoValue): number {
  if (item === null) fail("len of nil pointer");
  if (item === undefined) fail("reflect: call of reflect.Value.Type on zero Value");
  if (typeof item === "string") return Buffer.byteLength(item);
  if (Array.isArray(item)) return item.length;
  if (isMap(item)) return Object.keys(item).length;
  fail(`len of type ${typeName(item)}`);
}

/** evalArgs: a single string argument as is, else fmt.Sprint. */
function evalArgs(args: GoValue[]): string {
  if (args.length === 1 && typeof args[0] === "string") return args[0];
  return sprint(args.map((a) => (a === undefined || a === null ? "<no value>" : a)));
}

export function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) =>
    c === "\0" ? "\uFFFD" : c === '"' ? "&#34;" : c === "'" ? "&#39;" : c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;",
  );
}

export function jsEscape(s: string): string {
  let out = "";
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    switch (ch) {
      case "\\":
        out += "\\\\";
        continue;
      case "'":
        out += "\\'";
        continue;
      case '"':
        out += '\\"';
        continue;
      case "<":
        out += "\\u003C";
        continue;
      case ">":
        out += "\\u003E";
        continue;
      case "&":
        out += "\\u0026";
        continue;
      case "=":
        out += "\\u003D";
        continue;
    }
    if (r < 0x20) out += "\\u00" + r.toString(16).toUpperCase().padStart(2, "0");
    else if (r < 0x80 || isPrint(r)) out += ch;
    else out += "\\u" + r.toString(16).toUpperCase().padStart(4, "0");
  }
  return out;
}

/** url.QueryEscape. */
export function queryEscape(s: string): string {
  let out = "";
  for (const b of Buffer.from(s, "utf8")) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === " ") out += "+";
    else out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

export function builtins(): FuncMap {
  const m: FuncMap = new Map();
  m.set("and", f(["value"], () => undefined, "value"));
  m.set("or", f(["value"], () => undefined, "value"));
  m.set("call", f(["value"], () => undefined, "value"));
  m.set("not", f(["value"], (a: GoValue) => !truth(ii(a))));
  m.set("len", f(["value"], length));
  m.set("index", f(["value"], index, "value"));
  m.set("slice", f(["value"], sliceFn, "value"));
  m.set("print", f([], (...a: GoValue[]) => sprint(a), "any"));
  m.set("printf", f(["string"], (fmt: string, ...a: GoValue[]) => sprintf(fmt, a), "any"));
  m.set("println", f([], (...a: GoValue[]) => sprintln(a), "any"));
  m.set("html", f([], (...a: GoValue[]) => htmlEscape(evalArgs(a)), "any"));
  m.set("js", f([], (...a: GoValue[]) => jsEscape(evalArgs(a)), "any"));
  m.set("urlquery", f([], (...a: GoValue[]) => queryEscape(evalArgs(a)), "any"));
  m.set("eq", f(["value"], eq, "value"));
  m.set("ne", f(["value", "value"], (a: GoValue, b: GoValue) => !eq(a, b)));
  m.set("lt", f(["value", "value"], lt));
  m.set("le", f(["value", "value"], le));
  m.set("gt", f(["value", "value"], (a: GoValue, b: GoValue) => !le(a, b)));
  m.set("ge", f(["value", "value"], (a: GoValue, b: GoValue) => !lt(a, b)));
  return m;
}
