/** Conversions shared by sprig functions: strval, spf13/cast ToInt64/ToFloat64, nil handling. */
import { formatV } from "../format/printf";
import { GoFloat, GoValue, kindOf } from "../value";

/** sprig strval: strings as is, everything else via %v (nil → "<nil>"). */
export function strval(v: GoValue): string {
  if (typeof v === "string") return v;
  return formatV(v === undefined ? null : v);
}

/** cast's trimZeroDecimal. */
function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    const c = s[i - 1];
    if (c === ".") {
      if (foundZero) return s.slice(0, i - 1);
    } else if (c === "0") foundZero = true;
    else return s;
  }
  return s;
}

/** strconv.ParseInt(s, 0, 64); null on error. */
export function parseIntBase0(s: string): bigint | null {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(s);
  if (!m) return null;
  let body = m[2];
  if (/__|_$/.test(body)) return null;
  let v: bigint;
  const lower = body.toLowerCase();
  if (lower.startsWith("0x")) v = BigInt("0x" + lower.slice(2).replace(/_/g, ""));
  else if (lower.startsWith("0b")) v = BigInt("0b" + lower.slice(2).replace(/_/g, ""));
  else if (lower.startsWith("0o")) v = BigInt("0o" + lower.slice(2).replace(/_/g, ""));
  else if (lower.length > 1 && lower[0] === "0") {
    body = lower.slice(1).replace(/_/g, "");
    v = body === "" ? 0n : BigInt("0o" + body);
  } else {
    if (body.includes("_")) return null; // underscores only with base prefix
    v = BigInt(body);
  }
  if (m[1] === "-") v = -v;
  if (v > 9223372036854775807n || v < -9223372036854775808n) return null;
  return v;
}

/** Go float64 → int64 conversion (truncation; out of range behaves like amd64: 0x8000000000000000). */
export function floatToInt64(f: number): bigint {
  if (!Number.isFinite(f) || f >= 9223372036854775808 || f < -9223372036854775808) return -9223372036854775808n;
  return BigInt(Math.trunc(f));
}

/** cast.ToInt64 (errors → 0). */
export function toInt64(v: GoValue): bigint {
  switch (kindOf(v)) {
    case "int":
      return BigInt(v as number);
    case "int64":
      return v as bigint;
    case "float64":
      return floatToInt64(v instanceof GoFloat ? v.value : (v as number));
    case "string":
      return parseIntBase0(trimZeroDecimal(v as string)) ?? 0n;
    case "bool":
      return v ? 1n : 0n;
    default:
      return 0n;
  }
}

/** strconv.ParseFloat(s, 64) accepting Go's syntax; null on error. */
export function parseGoFloat(s: string): number | null {
  const t = s.replace(/_/g, "");
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith("-") ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(t)) return NaN;
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) {
    const n = Number(t);
    return Number.isFinite(n) ? n : null;
  }
  if (/^[+-]?0[xX]/.test(t)) {
    const m = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?$/.exec(t);
    if (!m || (m[3] !== undefined && m[4] === undefined)) {
      if (m && m[3] === undefined && m[4] === undefined) return Number(BigInt(m[1] + "0x" + m[2]));
      return null;
    }
    const mant = parseInt((m[2] || "0") + (m[3] ?? ""), 16) / 16 ** (m[3]?.length ?? 0);
    const v = mant * 2 ** parseInt(m[4] ?? "0", 10);
    return m[1] === "-" ? -v : v;
  }
  return null;
}

/** cast.ToFloat64 (errors → 0). */
export function toFloat64(v: GoValue): number {
  switch (kindOf(v)) {
    case "int":
      return v as number;
    case "int64":
      return Number(v as bigint);
    case "float64":
      return v instanceof GoFloat ? v.value : (v as number);
    case "string":
      return parseGoFloat(v as string) ?? 0;
    case "bool":
      return v ? 1 : 0;
    default:
      return 0;
  }
}

/** Go int (64-bit) from bigint, kept as JS number. */
export function int64ToInt(v: bigint): number {
  return Number(BigInt.asIntN(64, v));
}
