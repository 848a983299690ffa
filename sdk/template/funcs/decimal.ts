/** The slice of shopspring/decimal that sprig's addf/subf/mulf/divf use: exact decimal arithmetic on float inputs. */
import { fail } from "../errors";

export interface Dec {
  coef: bigint;
  exp: number;
}

/** decimal.NewFromFloat: the shortest decimal that round-trips. */
export function fromFloat(f: number): Dec {
  if (!Number.isFinite(f)) fail(`Cannot create a Decimal from ${Number.isNaN(f) ? "NaN" : f > 0 ? "+Inf" : "-Inf"}`);
  if (f === 0) return { coef: 0n, exp: 0 };
  const s = f.toExponential();
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s)!;
  const digits = m[2] + (m[3] ?? "");
  const exp = parseInt(m[4], 10) - (digits.length - 1);
  const coef = BigInt(digits) * (m[1] === "-" ? -1n : 1n);
  return { coef, exp };
}

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const e = Math.min(a.exp, b.exp);
  return [a.coef * 10n ** BigInt(a.exp - e), b.coef * 10n ** BigInt(b.exp - e), e];
}

export function add(a: Dec, b: Dec): Dec {
  const [x, y, e] = align(a, b);
  return { coef: x + y, exp: e };
}
export function sub(a: Dec, b: Dec): Dec {
  const [x, y, e] = align(a, b);
  return { coef: x - y, exp: e };
}
export function mul(a: Dec, b: Dec): Dec {
  return { coef: a.coef * b.coef, exp: a.exp + b.exp };
}

/** decimal.Div: DivRound to 16 places, half away from zero. */
export function div(a: Dec, b: Dec): Dec {
  if (b.coef === 0n) fail("decimal division by 0");
  const precision = 16;
  // a / b scaled so that the quotient has `precision` fractional digits
  // q = trunc(a * 10^precision / b) in units of 10^-precision
  const shift = precision + a.exp - b.exp;
  let num = a.coef;
  let den = b.coef;
  if (shift >= 0) num *= 10n ** BigInt(shift);
  else den *= 10n ** BigInt(-shift);
  let q = num / den;
  const r = num % den;
  const absR2 = (r < 0n ? -r : r) * 2n;
  const absDen = den < 0n ? -den : den;
  if (absR2 >= absDen) {
    if ((a.coef < 0n) !== (b.coef < 0n)) q -= 1n;
    else q += 1n;
  }
  return { coef: q, exp: -precision };
}

/** Decimal → nearest float64. */
export function toFloat(d: Dec): number {
  return Number(`${d.coef}e${d.exp}`);
}
