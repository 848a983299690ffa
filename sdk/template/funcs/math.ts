/** sprig math functions (numeric.go): int64 arithmetic (wrapping), decimal-based float arithmetic, conversions. */
import { fail } from "../errors";
import { f, FuncMap } from "../exec/types";
import { formatV } from "../format/printf";
import { GoValue, mkFloat } from "../value";
import { int64ToInt, parseIntBase0, toFloat64, toInt64 } from "./conv";
import * as D from "./decimal";
import { untilStep } from "./lists";

const wrap = (n: bigint) => BigInt.asIntN(64, n);

function decOp(a: GoValue, rest: GoValue[], op: (x: D.Dec, y: D.Dec) => D.Dec) {
  let acc = D.fromFloat(toFloat64(a));
  for (const x of rest) acc = op(acc, D.fromFloat(toFloat64(x)));
  return mkFloat(D.toFloat(acc));
}

function goRound(a: GoValue, p: number, ...rOpt: GoValue[]) {
  const roundOn = rOpt.length > 0 ? toFloat64(rOpt[0]) : 0.5;
  const val = toFloat64(a);
  const pow = Math.pow(10, p);
  const digit = pow * val;
  const frac = digit - Math.trunc(digit);
  const r = frac >= roundOn ? Math.ceil(digit) : Math.floor(digit);
  return mkFloat(r / pow);
}

function seq(...params: number[]): string {
  let increment = 1;
  let v: number[];
  switch (params.length) {
    case 0:
      return "";
    case 1: {
      const start = 1;
      const end = params[0];
      if (end < start) increment = -1;
      v = untilStep(start, end + increment, increment);
      break;
    }
    case 3: {
      const [start, step, end] = params;
      if (end < start) {
        increment = -1;
        if (step > 0) return "";
      }
      v = untilStep(start, end + increment, step);
      break;
    }
    case 2: {
      const [start, end] = params;
      const step = end < start ? -1 : 1;
      v = untilStep(start, end + step, step);
      break;
    }
    default:
      return "";
  }
  return v.join(" ");
}

/** strconv.Atoi ignoring the error (clamped on overflow, 0 on syntax errors). */
function atoi(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) return 0;
  const v = BigInt(s);
  if (v > 9223372036854775807n) return Number(9223372036854775807n);
  if (v < -9223372036854775808n) return Number(-9223372036854775808n);
  return Number(v);
}

export function mathFuncs(): FuncMap {
  const m: FuncMap = new Map();
  m.set("add1", f(["any"], (i: GoValue) => wrap(toInt64(i) + 1n)));
  m.set("add", f([], (...v: GoValue[]) => v.reduce<bigint>((a, b) => wrap(a + toInt64(b)), 0n), "any"));
  m.set("sub", f(["any", "any"], (a: GoValue, b: GoValue) => wrap(toInt64(a) - toInt64(b))));
  m.set("div", f(["any", "any"], (a: GoValue, b: GoValue) => {
    const y = toInt64(b);
    if (y === 0n) fail("runtime error: integer divide by zero");
    return wrap(toInt64(a) / y);
  }));
  m.set("mod", f(["any", "any"], (a: GoValue, b: GoValue) => {
    const y = toInt64(b);
    if (y === 0n) fail("runtime error: integer divide by zero");
    return wrap(toInt64(a) % y);
  }));
  m.set("mul", f(["any"], (a: GoValue, ...v: GoValue[]) => v.reduce<bigint>((x, y) => wrap(x * toInt64(y)), toInt64(a)), "any"));
  const max = f(["any"], (a: GoValue, ...v: GoValue[]) => v.reduce<bigint>((x, y) => (toInt64(y) > x ? toInt64(y) : x), toInt64(a)), "any");
  m.set("max", max);
  m.set("biggest", max);
  m.set("min", f(["any"], (a: GoValue, ...v: GoValue[]) => v.reduce<bigint>((x, y) => (toInt64(y) < x ? toInt64(y) : x), toInt64(a)), "any"));
  m.set("maxf", f(["any"], (a: GoValue, ...v: GoValue[]) => mkFloat(v.reduce<number>((x, y) => goMax(x, toFloat64(y)), toFloat64(a))), "any"));
  m.set("minf", f(["any"], (a: GoValue, ...v: GoValue[]) => mkFloat(v.reduce<number>((x, y) => goMin(x, toFloat64(y)), toFloat64(a))), "any"));
  m.set("add1f", f(["any"], (i: GoValue) => decOp(i, [1], D.add)));
  m.set("addf", f([], (...v: GoValue[]) => decOp(mkFloat(0), v, D.add), "any"));
  m.set("subf", f(["any"], (a: GoValue, ...v: GoValue[]) => decOp(a, v, D.sub), "any"));
  m.set("mulf", f(["any"], (a: GoValue, ...v: GoValue[]) => decOp(a, v, D.mul), "any"));
  m.set("divf", f(["any"], (a: GoValue, ...v: GoValue[]) => decOp(a, v, D.div), "any"));
  m.set("floor", f(["any"], (a: GoValue) => mkFloat(Math.floor(toFloat64(a)))));
  m.set("ceil", f(["any"], (a: GoValue) => mkFloat(Math.ceil(toFloat64(a)))));
  m.set("round", f(["any", "int"], goRound, "float64"));
  m.set("int", f(["any"], (v: GoValue) => int64ToInt(toInt64(v))));
  m.set("int64", f(["any"], (v: GoValue) => toInt64(v)));
  m.set("float64", f(["any"], (v: GoValue) => mkFloat(toFloat64(v))));
  m.set("atoi", f(["string"], atoi));
  m.set("toDecimal", f(["any"], (v: GoValue) => {
    const s = formatV(v ?? null);
    if (!/^[+-]?[0-7]+$/.test(s)) return 0n;
    const r = parseIntBase0("0o" + s.replace(/^[+-]/, ""));
    if (r === null) return 0n;
    return s.startsWith("-") ? -r : r;
  }));
  m.set("seq", f([], seq, "int"));
  m.set("randInt", f(["int", "int"], (min: number, max: number) => {
    if (max - min <= 0) fail("invalid argument to Intn");
    return min + Math.floor(Math.random() * (max - min));
  }));
  return m;
}

function goMax(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  return Math.max(x, y);
}
function goMin(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  return Math.min(x, y);
}
