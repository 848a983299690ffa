/** time.Duration: ParseDuration and String. */
import { fail } from "../errors";
import { tquote } from "./parse";

const NS_PER_SEC = 1_000_000_000n;


const UNITS: Record<string, bigint> = { ns: 1n, us: 1000n, "µs": 1000n, "μs": 1000n, ms: 1_000_000n, s: NS_PER_SEC, m: 60n * NS_PER_SEC, h: 3600n * NS_PER_SEC };

/** time.ParseDuration. */
export function parseDuration(s: string): bigint {
  const orig = s;
  let d = 0n;
  let neg = false;
  if (s !== "") {
    if (s[0] === "-" || s[0] === "+") {
      neg = s[0] === "-";
      s = s.slice(1);
    }
  }
  if (s === "0") return 0n;
  if (s === "") fail(`time: invalid duration ${tquote(orig)}`);
  while (s !== "") {
    const m = /^([0-9]*)(\.([0-9]*))?/.exec(s)!;
    if (m[1] === "" && (m[3] === undefined || m[3] === "")) fail(`time: invalid duration ${tquote(orig)}`);
    s = s.slice(m[0].length);
    const u = /^[^0-9.]*/.exec(s)![0];
    if (u === "") fail(`time: missing unit in duration ${tquote(orig)}`);
    const unit = UNITS[u];
    if (unit === undefined) fail(`time: unknown unit ${tquote(u)} in duration ${tquote(orig)}`);
    s = s.slice(u.length);
    let v = BigInt(m[1] || "0") * unit;
    if (m[3]) {
      const frac = m[3];
      v += (BigInt(frac) * unit) / 10n ** BigInt(frac.length);
    }
    d += v;
    if (d > 9223372036854775807n) fail(`time: invalid duration ${tquote(orig)}`);
  }
  return neg ? -d : d;
}

function fmtFrac(v: bigint, prec: number): [string, bigint] {
  let s = "";
  let print = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    print = print || digit !== 0n;
    if (print) s = String(digit) + s;
    v /= 10n;
  }
  if (print) s = "." + s;
  return [s, v];
}

/** time.Duration.String. */
export function durationString(d: bigint): string {
  const neg = d < 0n;
  let u = neg ? -d : d;
  let out: string;
  if (u < NS_PER_SEC) {
    if (u === 0n) return "0s";
    let prec: number;
    let unit: string;
    if (u < 1000n) {
      prec = 0;
      unit = "ns";
    } else if (u < 1_000_000n) {
      prec = 3;
      unit = "µs";
    } else {
      prec = 6;
      unit = "ms";
    }
    const [frac, rest] = fmtFrac(u, prec);
    out = String(rest) + frac + unit;
  } else {
    const [frac, rest] = fmtFrac(u, 9);
    u = rest;
    out = String(u % 60n) + frac + "s";
    u /= 60n;
    if (u > 0n) {
      out = String(u % 60n) + "m" + out;
      u /= 60n;
      if (u > 0n) out = String(u) + "h" + out;
    }
  }
  return (neg ? "-" : "") + out;
}

