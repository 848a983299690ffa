/** sprig date functions (date.go) over GoTime. */
import { fail } from "../errors";
import { f, FuncMap } from "../exec/types";
import { GoValue } from "../value";
import { durationString, GoTime, isParseError, loadLocation, localLoc, parseDuration, parseTime, UTC, ZERO_TIME } from "../time";

const NS = 1_000_000_000n;

function toTime(date: GoValue): GoTime {
  if (date instanceof GoTime) return date;
  if (typeof date === "bigint") return new GoTime(Number(date), 0, localLoc());
  if (typeof date === "number" && Number.isSafeInteger(date)) return new GoTime(date, 0, localLoc());
  return GoTime.now();
}

function dateInZone(fmt: string, date: GoValue, zone: string): string {
  const t = toTime(date);
  const loc = loadLocation(zone) ?? UTC;
  return t.in(loc).format(fmt);
}

function since(t: GoTime): bigint {
  const now = GoTime.now();
  return (BigInt(now.sec) - BigInt(t.sec)) * NS + BigInt(now.nsec - t.nsec);
}

/** Duration.Round(time.Second). */
function roundSecond(d: bigint): bigint {
  const m = NS;
  let r = d % m;
  if (d < 0n) {
    r = -r;
    if (r + r < m) return d + r;
    return d - m + r;
  }
  if (r + r < m) return d - r;
  return d + m - r;
}

function safeParseDuration(s: string): bigint | null {
  try {
    return parseDuration(s);
  } catch {
    return null;
  }
}

export function dateFuncs(): FuncMap {
  const m: FuncMap = new Map();
  m.set("date", f(["string", "any"], (fmt: string, d: GoValue) => dateInZone(fmt, d, "Local")));
  m.set("htmlDate", f(["any"], (d: GoValue) => dateInZone("2006-01-02", d, "Local")));
  m.set("htmlDateInZone", f(["any", "string"], (d: GoValue, z: string) => dateInZone("2006-01-02", d, z)));
  const diz = f(["string", "any", "string"], dateInZone);
  m.set("dateInZone", diz);
  m.set("date_in_zone", diz);
  const modify = f(["string", "time"], (fmt: string, t: GoTime) => {
    const d = safeParseDuration(fmt);
    return d === null ? t : t.addNs(d);
  });
  m.set("dateModify", modify);
  m.set("date_modify", modify);
  const mustModify = f(["string", "time"], (fmt: string, t: GoTime) => t.addNs(parseDuration(fmt)));
  m.set("mustDateModify", mustModify);
  m.set("must_date_modify", mustModify);
  m.set("ago", f(["any"], (d: GoValue) => {
    const t = d instanceof GoTime ? d : typeof d === "bigint" || (typeof d === "number" && Number.isSafeInteger(d)) ? toTime(d) : GoTime.now();
    return durationString(roundSecond(since(t)));
  }));
  m.set("duration", f(["any"], (sec: GoValue) => {
    let n = 0n;
    if (typeof sec === "string") n = /^[+-]?\d+$/.test(sec) && BigInt(sec) <= 9223372036854775807n && BigInt(sec) >= -9223372036854775808n ? BigInt(sec) : 0n;
    else if (typeof sec === "bigint") n = sec;
    return durationString(BigInt.asIntN(64, n * NS));
  }));
  m.set("durationRound", f(["any"], (v: GoValue) => {
    let d = 0n;
    if (typeof v === "string") d = safeParseDuration(v) ?? 0n;
    else if (typeof v === "bigint") d = v;
    else if (v instanceof GoTime) d = since(v);
    let u = d < 0n ? -d : d;
    u = BigInt.asUintN(64, u);
    const hour = 3600n * NS;
    const units: [bigint, string][] = [
      [hour * 24n * 365n, "y"],
      [hour * 24n * 30n, "mo"],
      [hour * 24n, "d"],
      [hour, "h"],
      [60n * NS, "m"],
      [NS, "s"],
    ];
    for (const [size, name] of units) if (u > size) return String(u / size) + name;
    return "0s";
  }));
  m.set("now", f([], () => GoTime.now()));
  m.set("toDate", f(["string", "string"], (fmt: string, s: string) => {
    try {
      return parseTime(fmt, s, localLoc());
    } catch (e) {
      if (isParseError(e)) return ZERO_TIME;
      throw e;
    }
  }));
  m.set("mustToDate", f(["string", "string"], (fmt: string, s: string) => {
    try {
      return parseTime(fmt, s, localLoc());
    } catch (e) {
      if (isParseError(e)) fail((e as Error).message);
      throw e;
    }
  }));
  m.set("unixEpoch", f(["time"], (t: GoTime) => String(t.sec)));
  return m;
}
