/** Go strconv.FormatFloat semantics ('e', 'f', 'g', shortest or with precision; round-half-even on exact values). */

interface Decimal {
  digits: string; // no leading/trailing zeros; "" means zero
  dp: number; // decimal point position: value = 0.digits × 10^dp
}

const view = new DataView(new ArrayBuffer(8));

/** Exact decimal expansion of a finite, non-negative double. */
function exactDecimal(f: number): Decimal {
  if (f === 0) return { digits: "", dp: 0 };
  view.setFloat64(0, f);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const bexp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (bexp === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = bexp - 1075;
  }
  let digits: string;
  let dp: number;
  if (e >= 0) {
    digits = (mant << BigInt(e)).toString();
    dp = digits.length;
  } else {
    digits = (mant * 5n ** BigInt(-e)).toString();
    dp = digits.length + e;
  }
  return trim({ digits, dp });
}

function trim(d: Decimal): Decimal {
  let end = d.digits.length;
  while (end > 0 && d.digits[end - 1] === "0") end--;
  return { digits: d.digits.slice(0, end), dp: end === 0 ? 0 : d.dp };
}

/** Shortest digits that round-trip (same as Go's shortest mode). */
function shortestDecimal(f: number): Decimal {
  if (f === 0) return { digits: "", dp: 0 };
  const s = f.toExponential();
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s)!;
  return trim({ digits: m[1] + (m[2] ?? ""), dp: parseInt(m[3], 10) + 1 });
}

/** Round to nd digits (half-even on exact ties). */
function roundTo(d: Decimal, nd: number): Decimal {
  if (nd < 0) return { digits: "", dp: 0 };
  if (nd >= d.digits.length) return d;
  const c = d.digits.charCodeAt(nd) - 48;
  let up: boolean;
  if (c > 5) up = true;
  else if (c < 5) up = false;
  else if (nd + 1 < d.digits.length) up = true;
  else up = nd > 0 && (d.digits.charCodeAt(nd - 1) - 48) % 2 === 1;
  if (!up) return trim({ digits: d.digits.slice(0, nd), dp: d.dp });
  // increment
  const arr = d.digits.slice(0, nd).split("").map((x) => x.charCodeAt(0) - 48);
  let i = nd - 1;
  while (i >= 0 && arr[i] === 9) {
    arr[i] = 0;
    i--;
  }
  if (i < 0) return { digits: "1", dp: d.dp + 1 };
  arr[i]++;
  return trim({ digits: arr.slice(0, i + 1).join(""), dp: d.dp });
}

function digitAt(d: Decimal, i: number): string {
  return i >= 0 && i < d.digits.length ? d.digits[i] : "0";
}

function fmtE(d: Decimal, prec: number, upper: boolean): string {
  let s = digitAt(d, 0);
  if (prec > 0) {
    s += ".";
    for (let i = 1; i <= prec; i++) s += digitAt(d, i);
  }
  const exp = d.digits.length === 0 ? 0 : d.dp - 1;
  const ae = Math.abs(exp);
  return s + (upper ? "E" : "e") + (exp < 0 ? "-" : "+") + (ae < 10 ? "0" : "") + ae;
}

function fmtF(d: Decimal, prec: number): string {
  let s = "";
  if (d.dp > 0) {
    for (let i = 0; i < d.dp; i++) s += digitAt(d, i);
  } else s = "0";
  if (prec > 0) {
    s += ".";
    for (let i = 0; i < prec; i++) s += digitAt(d, d.dp + i);
  }
  return s;
}

/** strconv.FormatFloat(f, fmt, prec, 64) for fmt in e, E, f, F, g, G. */
export function formatFloat(f: number, fmt: string, prec: number): string {
  if (Number.isNaN(f)) return "NaN";
  if (f === Infinity) return "+Inf";
  if (f === -Infinity) return "-Inf";
  const neg = f < 0 || Object.is(f, -0);
  const a = Math.abs(f);
  const shortest = prec < 0;
  let d: Decimal;
  let body: string;
  const lower = fmt.toLowerCase();
  if (lower === "g" && prec === 0) prec = 1;
  if (shortest) d = shortestDecimal(a);
  else {
    d = exactDecimal(a);
    if (lower === "e") d = roundTo(d, prec + 1);
    else if (lower === "f") d = roundTo(d, d.dp + prec);
    else d = roundTo(d, prec === 0 ? 1 : prec);
  }
  if (lower === "e") body = fmtE(d, shortest ? Math.max(d.digits.length - 1, 0) : prec, fmt === "E");
  else if (lower === "f") body = fmtF(d, shortest ? Math.max(d.digits.length - d.dp, 0) : prec);
  else {
    let eprec = prec;
    const nd = d.digits.length;
    if (eprec > nd && nd >= d.dp) eprec = nd;
    if (shortest) eprec = 6;
    const exp = d.dp - 1;
    if (nd !== 0 && (exp < -4 || exp >= eprec)) {
      const p = shortest ? nd - 1 : Math.max(Math.min(prec, nd) - 1, 0);
      body = fmtE(d, Math.max(p, 0), fmt === "G");
    } else {
      body = fmtF(d, Math.max(nd - d.dp, 0));
    }
  }
  return (neg ? "-" : "") + body;
}

/** %g with shortest precision: how Go prints float64 with %v. */
export function formatFloatV(f: number): string {
  return formatFloat(f, "g", -1);
}
