/** A port of the parts of Go's fmt package that templates reach: Sprint, Sprintln, Sprintf and %v of Go values. */
import { GoFloat, GoMap, GoObject, isMap, kindOf, sortedKeys, typeName } from "../value";
import { formatFloat } from "./float";
import { goQuote, goQuoteASCII, goQuoteRune } from "./quote";

interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width?: number;
  prec?: number;
  plusV: boolean;
  sharpV: boolean;
}

const noFlags = (): Flags => ({ plus: false, minus: false, sharp: false, space: false, zero: false, plusV: false, sharpV: false });

function runeLen(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function pad(s: string, f: Flags, zeroOk = false): string {
  if (f.width === undefined) return s;
  const n = f.width - runeLen(s);
  if (n <= 0) return s;
  if (f.minus) return s + " ".repeat(n);
  if (f.zero && zeroOk) {
    const sign = s[0] === "-" || s[0] === "+" || s[0] === " " ? s[0] : "";
    return sign + "0".repeat(n) + s.slice(sign.length);
  }
  return " ".repeat(n) + s;
}

function truncate(s: string, f: Flags): string {
  if (f.prec === undefined) return s;
  return Array.from(s).slice(0, f.prec).join("");
}

function badVerb(verb: string, v: unknown): string {
  if (v === null || v === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeName(v)}=${formatValue(v, "v", noFlags(), 1)})`;
}

function fmtInteger(n: bigint, verb: string, f: Flags): string {
  const neg = n < 0n;
  const a = neg ? -n : n;
  let s: string;
  switch (verb) {
    case "d":
    case "v":
      s = a.toString(10);
      break;
    case "b":
      s = a.toString(2);
      break;
    case "o":
      s = a.toString(8);
      if (f.sharp && s[0] !== "0") s = "0" + s;
      break;
    case "O":
      s = "0o" + a.toString(8);
      break;
    case "x":
      s = a.toString(16);
      if (f.sharp) s = "0x" + s;
      break;
    case "X":
      s = a.toString(16).toUpperCase();
      if (f.sharp) s = "0X" + s;
      break;
    case "c":
      return pad(String.fromCodePoint(Number(n)), f);
    case "q":
      return pad(goQuoteRune(Number(n)), f);
    case "U": {
      s = "U+" + a.toString(16).toUpperCase().padStart(4, "0");
      if (f.sharp) s += ` '${String.fromCodePoint(Number(n))}'`;
      return pad(s, f);
    }
    default:
      throw new Error("unreachable");
  }
  if (f.prec !== undefined) {
    if (f.prec === 0 && a === 0n) s = "";
    s = s.padStart(f.prec, "0");
  }
  const sign = neg ? "-" : f.plus ? "+" : f.space ? " " : "";
  return pad(sign + s, f, f.prec === undefined);
}

function fmtFloatVerb(x: number, verb: string, f: Flags): string {
  let prec = f.prec ?? -1;
  let conv = verb;
  if (verb === "v") conv = "g";
  else if (verb === "F") conv = "f";
  if ((conv === "e" || conv === "E" || conv === "f") && prec < 0) prec = 6;
  let s = formatFloat(x, conv, prec);
  if (f.sharp && conv.toLowerCase() === "g" && !s.includes(".") && Number.isFinite(x)) {
    // %#g keeps the decimal point; rarely used in templates — approximate.
    const m = /^(-?\d+)(e.*)?$/.exec(s);
    if (m) s = m[1] + "." + (m[2] ?? "");
  }
  if (f.plus && s[0] !== "-" && s[0] !== "+") s = "+" + s;
  else if (f.space && s[0] !== "-" && s[0] !== "+") s = " " + s;
  else if (!f.plus && s[0] === "+" && s !== "+Inf") s = s.slice(1);
  if (s === "+Inf" && !f.plus) s = f.space ? " Inf" : "+Inf";
  return pad(s, f, Number.isFinite(x));
}

function fmtString(s: string, verb: string, f: Flags): string {
  switch (verb) {
    case "s":
    case "v":
      return pad(truncate(s, f), f);
    case "q":
      if (f.sharp && !s.includes("`")) return pad("`" + s + "`", f);
      return pad(f.plus ? goQuoteASCII(truncate(s, f)) : goQuote(truncate(s, f)), f);
    case "x":
    case "X": {
      const bytes = Buffer.from(truncate(s, f), "utf8");
      const parts: string[] = [];
      for (const b of bytes) {
        let h = b.toString(16).padStart(2, "0");
        if (verb === "X") h = h.toUpperCase();
        parts.push(f.sharp ? (verb === "X" ? "0X" : "0x") + h : h);
      }
      return pad(parts.join(f.space ? " " : ""), f);
    }
  }
  return badVerb(verb, s);
}

/** Formats one value with a verb (printValue in fmt/print.go); depth > 0 for nested elements. */
export function formatValue(v: unknown, verb: string, f: Flags, depth = 0): string {
  if (verb === "T") return pad(typeName(v), f);
  const k = kindOf(v);
  switch (k) {
    case "invalid":
    case "nil":
      if (verb === "v" || depth > 0) return pad("<nil>", f);
      return badVerb(verb, null);
    case "bool":
      if (verb === "t" || verb === "v") return pad(v ? "true" : "false", f);
      return badVerb(verb, v);
    case "int":
    case "int64":
      if ("dvboOxXcqU".includes(verb)) return fmtInteger(BigInt(v as number | bigint), verb, f);
      return badVerb(verb, v);
    case "float64": {
      const x = v instanceof GoFloat ? v.value : (v as number);
      if ("veEfFgG".includes(verb)) return fmtFloatVerb(x, verb, f);
      return badVerb(verb, v);
    }
    case "string":
      return fmtString(v as string, verb, f);
    case "object":
      if (verb === "v" || verb === "s") return pad((v as GoObject).goString(), f);
      if (verb === "q") return pad(goQuote((v as GoObject).goString()), f);
      return badVerb(verb, v);
    case "slice": {
      if (f.sharpV) return goSyntax(v);
      const parts = (v as unknown[]).map((e) => formatValue(e, verb, f, depth + 1));
      return "[" + parts.join(" ") + "]";
    }
    case "map": {
      if (f.sharpV) return goSyntax(v);
      const m = v as GoMap;
      const parts = sortedKeys(m).map((key) => formatValue(key, verb, f, depth + 1) + ":" + formatValue(m[key], verb, f, depth + 1));
      return "map[" + parts.join(" ") + "]";
    }
  }
}

/** %#v (Go syntax) for the value model. */
function goSyntax(v: unknown): string {
  switch (kindOf(v)) {
    case "invalid":
    case "nil":
      return "<nil>";
    case "string":
      return goQuote(v as string);
    case "slice":
      return "[]interface {}{" + (v as unknown[]).map(goSyntax).join(", ") + "}";
    case "map": {
      const m = v as GoMap;
      return "map[string]interface {}{" + sortedKeys(m).map((k) => goQuote(k) + ":" + goSyntax(m[k])).join(", ") + "}";
    }
    case "float64": {
      const x = v instanceof GoFloat ? v.value : (v as number);
      const s = formatFloat(x, "g", -1);
      return /[.e]|Inf|NaN/.test(s) ? s : s + ".0" === s ? s : s;
    }
    default:
      return formatValue(v, "v", noFlags());
  }
}

/** fmt.Sprint. */
export function sprint(args: unknown[]): string {
  let out = "";
  for (let i = 0; i < args.length; i++) {
    const isStr = typeof args[i] === "string";
    if (i > 0 && !isStr && typeof args[i - 1] !== "string") out += " ";
    out += formatValue(args[i], "v", noFlags());
  }
  return out;
}

/** fmt.Sprintln. */
export function sprintln(args: unknown[]): string {
  return args.map((a) => formatValue(a, "v", noFlags())).join(" ") + "\n";
}

/** fmt.Sprint of one value (%v). */
export function formatV(v: unknown): string {
  return formatValue(v, "v", noFlags());
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: unknown[]): string {
  let out = "";
  let argNum = 0;
  let i = 0;
  const n = format.length;
  while (i < n) {
    const pct = format.indexOf("%", i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const f = noFlags();
    // flags
    for (; i < n; i++) {
      const c = format[i];
      if (c === "+") f.plus = true;
      else if (c === "-") {
        f.minus = true;
        f.zero = false;
      } else if (c === "#") f.sharp = true;
      else if (c === " ") f.space = true;
      else if (c === "0") f.zero = !f.minus;
      else break;
    }
    // width
    if (format[i] === "*") {
      i++;
      const a = args[argNum++];
      if (typeof a === "number" && Number.isSafeInteger(a)) {
        f.width = a;
        if (a < 0) {
          f.minus = true;
          f.width = -a;
          f.zero = false;
        }
      } else out += "%!(BADWIDTH)";
    } else {
      const m = /^\d+/.exec(format.slice(i));
      if (m) {
        f.width = parseInt(m[0], 10);
        i += m[0].length;
      }
    }
    // precision
    if (format[i] === ".") {
      i++;
      if (format[i] === "*") {
        i++;
        const a = args[argNum++];
        if (typeof a === "number" && Number.isSafeInteger(a) && a >= 0) f.prec = a;
        else out += "%!(BADPREC)";
      } else {
        const m = /^\d+/.exec(format.slice(i));
        f.prec = m ? parseInt(m[0], 10) : 0;
        if (m) i += m[0].length;
      }
    }
    if (i >= n) {
      out += "%!(NOVERB)";
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === "%") {
      out += "%";
      continue;
    }
    if (argNum >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const arg = args[argNum++];
    if (verb === "v") {
      f.sharpV = f.sharp;
      f.sharp = false;
      f.plusV = f.plus;
      f.plus = false;
      if (f.sharpV) {
        out += goSyntax(arg);
        continue;
      }
    }
    if (verb === "w") {
      out += badVerb(verb, arg);
      continue;
    }
    out += formatValue(arg, verb, f);
  }
  if (argNum < args.length) {
    out += "%!(EXTRA " + args.slice(argNum).map((a) => (a === null || a === undefined ? "<nil>" : `${typeName(a)}=${formatV(a)}`)).join(", ") + ")";
  }
  return out;
}

export { isMap };
