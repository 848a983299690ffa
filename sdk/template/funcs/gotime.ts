/**
 * time.Time and time.Duration as sprig's date functions and yaml.v3 timestamps need them: Go layouts (Format and
 * Parse), zones (UTC, Local, IANA names via Intl), Duration.String and ParseDuration.
 *
 * Limitation: zone abbreviations (the "MST" layout element and Time.String) are only known for UTC, fixed offsets,
 * and zones for which ICU reports an alphabetic abbreviation; elsewhere formatting them fails with a clear error.
 */
import { fail } from "../errors";
import { GoObject, GoValue } from "../value";

const NS_PER_SEC = 1_000_000_000n;
const LONG_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const LONG_DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const PROCESS_START = process.hrtime.bigint();

/** A zone in effect: name (abbreviation; "" for unnamed fixed zones) and offset east of UTC in seconds. */
interface Zone {
  name: string | null; // null: abbreviation unknown to this engine
  offset: number;
}

/** A location: "UTC", "Local", an IANA name, or a fixed zone. */
export type Loc = { kind: "utc" } | { kind: "iana"; name: string; local: boolean } | { kind: "fixed"; name: string; offset: number };

export const UTC: Loc = { kind: "utc" };

function localZoneName(): string {
  const tz = process.env.TZ;
  if (tz === "") return "UTC";
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** time.Local. */
export function localLoc(): Loc {
  const name = localZoneName();
  if (name === "UTC" || name === "Etc/UTC") return { kind: "iana", name: "UTC", local: true };
  return { kind: "iana", name, local: true };
}

/** time.LoadLocation; null when unknown. */
export function loadLocation(name: string): Loc | null {
  if (name === "" || name === "UTC") return UTC;
  if (name === "Local") return localLoc();
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return { kind: "iana", name, local: false };
  } catch {
    return null;
  }
}

const dtfCache = new Map<string, Intl.DateTimeFormat>();
function dtf(tz: string): Intl.DateTimeFormat {
  let f = dtfCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      timeZoneName: "short",
    });
    dtfCache.set(tz, f);
  }
  return f;
}

/** The zone of `loc` at instant `sec` (Unix seconds). */
export function zoneAt(loc: Loc, sec: number): Zone {
  if (loc.kind === "utc") return { name: "UTC", offset: 0 };
  if (loc.kind === "fixed") return { name: loc.name, offset: loc.offset };
  if (loc.name === "UTC") return { name: "UTC", offset: 0 };
  const ms = Math.max(Math.min(sec * 1000, 8.64e15), -8.64e15);
  const parts = dtf(loc.name).formatToParts(new Date(ms));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUTC = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  const offset = Math.round((asUTC - Math.floor(ms / 1000) * 1000) / 1000);
  const abbr = parts.find((p) => p.type === "timeZoneName")?.value ?? "";
  const name = /^[A-Z]{3,5}$/.test(abbr) ? abbr : null;
  return { name, offset };
}

// ------------------------------------------------------------------------------------------------ civil calendar

function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const y = yoe + era * 400;
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [m <= 2 ? y + 1 : y, m, d];
}
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
function daysIn(m: number, y: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

/** time.Time. */
export class GoTime extends GoObject {
  readonly goType = "time.Time";
  readonly goKind = "struct";
  constructor(
    /** Unix seconds. */
    readonly sec: number,
    /** Nanoseconds within the second. */
    readonly nsec: number,
    readonly loc: Loc,
    /** Monotonic reading (time.Now values print " m=+…"). */
    readonly mono: bigint | null = null,
  ) {
    super();
  }

  static fromDate(year: number, month: number, day: number, hour: number, min: number, sec: number, nsec: number, loc: Loc): GoTime {
    const days = daysFromCivil(year, month, day);
    const local = days * 86400 + hour * 3600 + min * 60 + sec;
    if (loc.kind === "utc") return new GoTime(local, nsec, loc);
    // find the offset in effect (two passes, like Go's lookup with the guessed offset)
    let off = zoneAt(loc, local).offset;
    off = zoneAt(loc, local - off).offset;
    return new GoTime(local - off, nsec, loc);
  }

  static now(): GoTime {
    const ns = BigInt(Date.now()) * 1_000_000n;
    return new GoTime(Number(ns / NS_PER_SEC), Number(ns % NS_PER_SEC), localLoc(), process.hrtime.bigint() - PROCESS_START + 1n);
  }

  zone(): Zone {
    return zoneAt(this.loc, this.sec);
  }

  /** Fields in the time's zone. */
  civil() {
    const z = this.zone();
    const t = this.sec + z.offset;
    const days = Math.floor(t / 86400);
    const secs = t - days * 86400;
    const [year, month, day] = civilFromDays(days);
    const weekday = (((days + 4) % 7) + 7) % 7;
    const yday = days - daysFromCivil(year, 1, 1) + 1;
    return { year, month, day, hour: Math.floor(secs / 3600), min: Math.floor((secs % 3600) / 60), sec: secs % 60, weekday, yday, zone: z };
  }

  in(loc: Loc): GoTime {
    return new GoTime(this.sec, this.nsec, loc, null);
  }

  addNs(d: bigint): GoTime {
    const total = BigInt(this.sec) * NS_PER_SEC + BigInt(this.nsec) + d;
    const s = total / NS_PER_SEC - (total % NS_PER_SEC < 0n ? 1n : 0n);
    return new GoTime(Number(s), Number(total - s * NS_PER_SEC), this.loc, this.mono === null ? null : this.mono + d);
  }

  format(layout: string): string {
    return formatTime(this, layout);
  }

  goString(): string {
    let s = this.format("2006-01-02 15:04:05.999999999 -0700 MST");
    if (this.mono !== null) {
      const m = this.mono;
      const sign = m < 0n ? "-" : "+";
      const a = m < 0n ? -m : m;
      s += ` m=${sign}${a / NS_PER_SEC}.${String(a % NS_PER_SEC).padStart(9, "0")}`;
    }
    return s;
  }

  override marshalText(): string {
    return this.format("2006-01-02T15:04:05.999999999Z07:00");
  }

  goMethods() {
    const c = () => this.civil();
    return {
      Unix: { params: [], fn: () => BigInt(this.sec) },
      UnixMilli: { params: [], fn: () => BigInt(this.sec) * 1000n + BigInt(Math.floor(this.nsec / 1e6)) },
      UnixNano: { params: [], fn: () => BigInt(this.sec) * NS_PER_SEC + BigInt(this.nsec) },
      Year: { params: [], fn: () => c().year },
      Day: { params: [], fn: () => c().day },
      YearDay: { params: [], fn: () => c().yday },
      Hour: { params: [], fn: () => c().hour },
      Minute: { params: [], fn: () => c().min },
      Second: { params: [], fn: () => c().sec },
      Nanosecond: { params: [], fn: () => this.nsec },
      Format: { params: ["string"], fn: (l: string) => this.format(l) },
      String: { params: [], fn: () => this.goString() },
      UTC: { params: [], fn: () => this.in(UTC) },
      IsZero: { params: [], fn: () => this.sec === -62135596800 && this.nsec === 0 },
    };
  }
}

/** The zero time.Time (January 1, year 1, 00:00:00 UTC). */
export const ZERO_TIME = new GoTime(-62135596800, 0, UTC);

// ------------------------------------------------------------------------------------------------ layouts

type Std =
  | "LongMonth"
  | "Month"
  | "NumMonth"
  | "ZeroMonth"
  | "LongWeekDay"
  | "WeekDay"
  | "Day"
  | "UnderDay"
  | "ZeroDay"
  | "UnderYearDay"
  | "ZeroYearDay"
  | "Hour"
  | "Hour12"
  | "ZeroHour12"
  | "Minute"
  | "ZeroMinute"
  | "Second"
  | "ZeroSecond"
  | "LongYear"
  | "Year"
  | "PM"
  | "pm"
  | "TZ"
  | "ISO8601TZ"
  | "ISO8601SecondsTZ"
  | "ISO8601ShortTZ"
  | "ISO8601ColonTZ"
  | "ISO8601ColonSecondsTZ"
  | "NumTZ"
  | "NumSecondsTz"
  | "NumShortTZ"
  | "NumColonTZ"
  | "NumColonSecondsTZ"
  | "FracSecond0"
  | "FracSecond9";

interface Chunk {
  prefix: string;
  std: Std | null;
  suffix: string;
  /** FracSecond: digit count and separator. */
  digits?: number;
  sep?: string;
}

const STD0X: Std[] = ["ZeroMonth", "ZeroDay", "ZeroHour12", "ZeroMinute", "ZeroSecond", "Year"];
const isDigitAt = (s: string, i: number) => i < s.length && s[i] >= "0" && s[i] <= "9";

function nextStdChunk(layout: string): Chunk {
  const ret = (i: number, std: Std, len: number, extra: Partial<Chunk> = {}): Chunk => ({ prefix: layout.slice(0, i), std, suffix: layout.slice(i + len), ...extra });
  for (let i = 0; i < layout.length; i++) {
    const c = layout[i];
    const rest = layout.slice(i);
    switch (c) {
      case "J":
        if (rest.startsWith("Jan")) {
          if (rest.startsWith("January")) return ret(i, "LongMonth", 7);
          if (!/^[a-z]/.test(layout.slice(i + 3))) return ret(i, "Month", 3);
        }
        break;
      case "M":
        if (rest.startsWith("Mon")) {
          if (rest.startsWith("Monday")) return ret(i, "LongWeekDay", 6);
          if (!/^[a-z]/.test(layout.slice(i + 3))) return ret(i, "WeekDay", 3);
        }
        if (rest.startsWith("MST")) return ret(i, "TZ", 3);
        break;
      case "0":
        if (rest.length >= 2 && rest[1] >= "1" && rest[1] <= "6") return ret(i, STD0X[rest.charCodeAt(1) - 49], 2);
        if (rest.startsWith("002")) return ret(i, "ZeroYearDay", 3);
        break;
      case "1":
        if (rest[1] === "5") return ret(i, "Hour", 2);
        return ret(i, "NumMonth", 1);
      case "2":
        if (rest.startsWith("2006")) return ret(i, "LongYear", 4);
        return ret(i, "Day", 1);
      case "_":
        if (rest[1] === "2") {
          if (rest.slice(1).startsWith("2006")) return { prefix: layout.slice(0, i + 1), std: "LongYear", suffix: layout.slice(i + 5) };
          return ret(i, "UnderDay", 2);
        }
        if (rest.startsWith("__2")) return ret(i, "UnderYearDay", 3);
        break;
      case "3":
        return ret(i, "Hour12", 1);
      case "4":
        return ret(i, "Minute", 1);
      case "5":
        return ret(i, "Second", 1);
      case "P":
        if (rest[1] === "M") return ret(i, "PM", 2);
        break;
      case "p":
        if (rest[1] === "m") return ret(i, "pm", 2);
        break;
      case "-":
        if (rest.startsWith("-070000")) return ret(i, "NumSecondsTz", 7);
        if (rest.startsWith("-07:00:00")) return ret(i, "NumColonSecondsTZ", 9);
        if (rest.startsWith("-0700")) return ret(i, "NumTZ", 5);
        if (rest.startsWith("-07:00")) return ret(i, "NumColonTZ", 6);
        if (rest.startsWith("-07")) return ret(i, "NumShortTZ", 3);
        break;
      case "Z":
        if (rest.startsWith("Z070000")) return ret(i, "ISO8601SecondsTZ", 7);
        if (rest.startsWith("Z07:00:00")) return ret(i, "ISO8601ColonSecondsTZ", 9);
        if (rest.startsWith("Z0700")) return ret(i, "ISO8601TZ", 5);
        if (rest.startsWith("Z07:00")) return ret(i, "ISO8601ColonTZ", 6);
        if (rest.startsWith("Z07")) return ret(i, "ISO8601ShortTZ", 3);
        break;
      case ".":
      case ",":
        if (i + 1 < layout.length && (layout[i + 1] === "0" || layout[i + 1] === "9")) {
          const ch = layout[i + 1];
          let j = i + 1;
          while (j < layout.length && layout[j] === ch) j++;
          if (!isDigitAt(layout, j)) {
            return { prefix: layout.slice(0, i), std: ch === "0" ? "FracSecond0" : "FracSecond9", suffix: layout.slice(j), digits: j - (i + 1), sep: c };
          }
        }
        break;
    }
  }
  return { prefix: layout, std: null, suffix: "" };
}

const pad = (n: number, w: number) => (n < 0 ? "-" + String(-n).padStart(w, "0") : String(n).padStart(w, "0"));

function fmtOffset(off: number, colon: boolean, withSeconds: boolean, short: boolean): string {
  const sign = off < 0 ? "-" : "+";
  let a = Math.abs(off);
  const h = Math.floor(a / 3600);
  a -= h * 3600;
  const m = Math.floor(a / 60);
  const s = a - m * 60;
  let out = sign + pad(h, 2);
  if (short) return out;
  out += (colon ? ":" : "") + pad(m, 2);
  if (withSeconds) out += (colon ? ":" : "") + pad(s, 2);
  return out;
}

function formatTime(t: GoTime, layout: string): string {
  const c = t.civil();
  let out = "";
  for (;;) {
    const ch = nextStdChunk(layout);
    out += ch.prefix;
    if (ch.std === null) break;
    layout = ch.suffix;
    switch (ch.std) {
      case "Year": {
        const y = c.year % 100;
        out += pad(y < 0 ? -y : y, 2);
        break;
      }
      case "LongYear":
        out += pad(c.year, 4);
        break;
      case "Month":
        out += LONG_MONTHS[c.month - 1].slice(0, 3);
        break;
      case "LongMonth":
        out += LONG_MONTHS[c.month - 1];
        break;
      case "NumMonth":
        out += String(c.month);
        break;
      case "ZeroMonth":
        out += pad(c.month, 2);
        break;
      case "WeekDay":
        out += LONG_DAYS[c.weekday].slice(0, 3);
        break;
      case "LongWeekDay":
        out += LONG_DAYS[c.weekday];
        break;
      case "Day":
        out += String(c.day);
        break;
      case "UnderDay":
        out += (c.day < 10 ? " " : "") + c.day;
        break;
      case "ZeroDay":
        out += pad(c.day, 2);
        break;
      case "UnderYearDay":
        out += String(c.yday).padStart(3, " ");
        break;
      case "ZeroYearDay":
        out += pad(c.yday, 3);
        break;
      case "Hour":
        out += pad(c.hour, 2);
        break;
      case "Hour12":
        out += String(c.hour % 12 === 0 ? 12 : c.hour % 12);
        break;
      case "ZeroHour12":
        out += pad(c.hour % 12 === 0 ? 12 : c.hour % 12, 2);
        break;
      case "Minute":
        out += String(c.min);
        break;
      case "ZeroMinute":
        out += pad(c.min, 2);
        break;
      case "Second":
        out += String(c.sec);
        break;
      case "ZeroSecond":
        out += pad(c.sec, 2);
        break;
      case "PM":
        out += c.hour >= 12 ? "PM" : "AM";
        break;
      case "pm":
        out += c.hour >= 12 ? "pm" : "am";
        break;
      case "ISO8601TZ":
      case "ISO8601ColonTZ":
      case "ISO8601SecondsTZ":
      case "ISO8601ShortTZ":
      case "ISO8601ColonSecondsTZ":
      case "NumTZ":
      case "NumColonTZ":
      case "NumSecondsTz":
      case "NumShortTZ":
      case "NumColonSecondsTZ": {
        const off = c.zone.offset;
        if (ch.std.startsWith("ISO") && off === 0) {
          out += "Z";
          break;
        }
        const colon = ch.std.includes("Colon");
        const secs = ch.std.includes("Seconds");
        out += fmtOffset(off, colon, secs, ch.std.includes("Short"));
        break;
      }
      case "TZ":
        if (c.zone.name === null) {
          fail(`the zone abbreviation of ${t.loc.kind === "iana" ? t.loc.name : "this location"} is not known to the TypeScript template engine (Go reads it from tzdata)`);
        }
        if (c.zone.name !== "") out += c.zone.name;
        else out += fmtOffset(c.zone.offset, false, false, false).replace(/^([+-]\d\d)(\d\d)$/, "$1$2");
        break;
      case "FracSecond0":
        out += ch.sep + String(t.nsec).padStart(9, "0").slice(0, ch.digits);
        break;
      case "FracSecond9": {
        const digits = String(t.nsec).padStart(9, "0").slice(0, ch.digits).replace(/0+$/, "");
        if (digits !== "") out += ch.sep + digits;
        break;
      }
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------------ parsing

/** time's quote(). */
function tquote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x80 || c < 0x20) for (const b of Buffer.from(ch, "utf8")) out += "\\x" + b.toString(16).padStart(2, "0");
    else out += ch === '"' || ch === "\\" ? "\\" + ch : ch;
  }
  return out + '"';
}

class ParseError extends Error {}

function parseError(layout: string, value: string, layoutElem: string, valueElem: string, message: string): never {
  if (message === "") throw new ParseError(`parsing time ${tquote(value)} as ${tquote(layout)}: cannot parse ${tquote(valueElem)} as ${tquote(layoutElem)}`);
  throw new ParseError(`parsing time ${tquote(value)}${message}`);
}

const BAD = Symbol("bad");

function getnum(s: string, fixed: boolean): [number, string] {
  if (!isDigitAt(s, 0)) throw BAD;
  if (!isDigitAt(s, 1)) {
    if (fixed) throw BAD;
    return [s.charCodeAt(0) - 48, s.slice(1)];
  }
  return [(s.charCodeAt(0) - 48) * 10 + (s.charCodeAt(1) - 48), s.slice(2)];
}
function getnum3(s: string, fixed: boolean): [number, string] {
  let n = 0;
  let i = 0;
  for (; i < 3 && isDigitAt(s, i); i++) n = n * 10 + (s.charCodeAt(i) - 48);
  if (i === 0 || (fixed && i !== 3)) throw BAD;
  return [n, s.slice(i)];
}
function cutspace(s: string): string {
  return s.replace(/^ +/, "");
}
function skip(value: string, prefix: string): string {
  while (prefix.length > 0) {
    if (prefix[0] === " ") {
      if (value.length > 0 && value[0] !== " ") throw BAD;
      prefix = cutspace(prefix);
      value = cutspace(value);
      continue;
    }
    if (value.length === 0 || value[0] !== prefix[0]) throw BAD;
    prefix = prefix.slice(1);
    value = value.slice(1);
  }
  return value;
}
function lookup(tab: string[], val: string): [number, string] {
  for (let i = 0; i < tab.length; i++) {
    const v = tab[i];
    if (val.length >= v.length && val.slice(0, v.length).toLowerCase() === v.toLowerCase()) return [i, val.slice(v.length)];
  }
  throw BAD;
}
function atoi(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw BAD;
  return Number(s);
}
function parseNanoseconds(value: string, nbytes: number): number {
  if (value[0] !== "." && value[0] !== ",") throw BAD;
  if (nbytes > 10) nbytes = 10;
  let ns = atoi(value.slice(1, nbytes));
  for (let i = 0; i < 10 - nbytes; i++) ns *= 10;
  return ns;
}
function parseTimeZone(value: string): number {
  if (value.length < 3) return 0;
  if (value.startsWith("ChST") || value.startsWith("MeST")) return 4;
  if (value.startsWith("GMT")) {
    const m = /^GMT([+-]\d{1,2})?/.exec(value)!;
    if (m[1] && Math.abs(Number(m[1])) <= 23) return 3 + m[1].length;
    return 3;
  }
  if (value[0] === "+" || value[0] === "-") {
    const m = /^[+-]\d{1,2}/.exec(value);
    if (!m || Math.abs(Number(m[0])) > 23) return 0;
    return m[0].length;
  }
  let n = 0;
  while (n < 6 && n < value.length && value[n] >= "A" && value[n] <= "Z") n++;
  switch (n) {
    case 5:
      return value[4] === "T" ? 5 : 0;
    case 4:
      return value[3] === "T" || value.startsWith("WITA") ? 4 : 0;
    case 3:
      return 3;
  }
  return 0;
}

/** time.ParseInLocation. Throws an Error with Go's message. */
export function parseTime(alayout: string, avalue: string, defaultLoc: Loc): GoTime {
  let layout = alayout;
  let value = avalue;
  let year = 0;
  let month = -1;
  let day = -1;
  let yday = -1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nsec = 0;
  let z: Loc | null = null;
  let zoneOffset = -1;
  let zoneName = "";
  let pmSet = false;
  let amSet = false;
  for (;;) {
    const ch = nextStdChunk(layout);
    const stdstr = layout.slice(ch.prefix.length, layout.length - ch.suffix.length);
    try {
      value = skip(value, ch.prefix);
    } catch {
      parseError(alayout, avalue, ch.prefix, value, "");
    }
    if (ch.std === null) {
      if (value.length !== 0) parseError(alayout, avalue, "", value, `: extra text: ${tquote(value)}`);
      break;
    }
    layout = ch.suffix;
    const hold = value;
    let rangeErr = "";
    try {
      switch (ch.std) {
        case "Year": {
          if (value.length < 2) throw BAD;
          year = atoi(value.slice(0, 2));
          value = value.slice(2);
          year += year >= 69 ? 1900 : 2000;
          break;
        }
        case "LongYear":
          if (value.length < 4 || !isDigitAt(value, 0)) throw BAD;
          year = atoi(value.slice(0, 4));
          value = value.slice(4);
          break;
        case "Month":
          [month, value] = lookup(LONG_MONTHS.map((m) => m.slice(0, 3)), value);
          month++;
          break;
        case "LongMonth":
          [month, value] = lookup(LONG_MONTHS, value);
          month++;
          break;
        case "NumMonth":
        case "ZeroMonth":
          [month, value] = getnum(value, ch.std === "ZeroMonth");
          if (month <= 0 || month > 12) rangeErr = "month";
          break;
        case "WeekDay":
          [, value] = lookup(LONG_DAYS.map((d) => d.slice(0, 3)), value);
          break;
        case "LongWeekDay":
          [, value] = lookup(LONG_DAYS, value);
          break;
        case "Day":
        case "UnderDay":
        case "ZeroDay":
          if (ch.std === "UnderDay" && value[0] === " ") value = value.slice(1);
          [day, value] = getnum(value, ch.std === "ZeroDay");
          break;
        case "UnderYearDay":
        case "ZeroYearDay":
          for (let i = 0; i < 2; i++) if (ch.std === "UnderYearDay" && value[0] === " ") value = value.slice(1);
          [yday, value] = getnum3(value, ch.std === "ZeroYearDay");
          if (yday < 1 || yday > 366) rangeErr = "day-of-year";
          break;
        case "Hour":
          [hour, value] = getnum(value, false);
          if (hour < 0 || hour >= 24) rangeErr = "hour";
          break;
        case "Hour12":
        case "ZeroHour12":
          [hour, value] = getnum(value, ch.std === "ZeroHour12");
          if (hour < 0 || hour > 12) rangeErr = "hour";
          break;
        case "Minute":
        case "ZeroMinute":
          [min, value] = getnum(value, ch.std === "ZeroMinute");
          if (min < 0 || min >= 60) rangeErr = "minute";
          break;
        case "Second":
        case "ZeroSecond": {
          [sec, value] = getnum(value, ch.std === "ZeroSecond");
          if (sec < 0 || sec >= 60) {
            rangeErr = "second";
            break;
          }
          if (value.length >= 2 && (value[0] === "." || value[0] === ",") && isDigitAt(value, 1)) {
            const next = nextStdChunk(layout).std;
            if (next === "FracSecond0" || next === "FracSecond9") break;
            let n = 2;
            while (n < value.length && isDigitAt(value, n)) n++;
            nsec = parseNanoseconds(value, n);
            value = value.slice(n);
          }
          break;
        }
        case "PM":
        case "pm": {
          if (value.length < 2) throw BAD;
          const p = value.slice(0, 2);
          value = value.slice(2);
          const up = ch.std === "PM" ? p : p.toUpperCase() === p ? "x" : p.toUpperCase();
          if (up === "PM") pmSet = true;
          else if (up === "AM") amSet = true;
          else throw BAD;
          break;
        }
        case "ISO8601TZ":
        case "ISO8601ShortTZ":
        case "ISO8601ColonTZ":
        case "ISO8601SecondsTZ":
        case "ISO8601ColonSecondsTZ":
        case "NumTZ":
        case "NumShortTZ":
        case "NumColonTZ":
        case "NumSecondsTz":
        case "NumColonSecondsTZ": {
          if (ch.std.startsWith("ISO") && value[0] === "Z") {
            value = value.slice(1);
            z = UTC;
            break;
          }
          let sign: string, hh: string, mm: string, ss: string;
          const std = ch.std;
          if (std === "ISO8601ColonTZ" || std === "NumColonTZ") {
            if (value.length < 6 || value[3] !== ":") throw BAD;
            [sign, hh, mm, ss, value] = [value[0], value.slice(1, 3), value.slice(4, 6), "00", value.slice(6)];
          } else if (std === "NumShortTZ" || std === "ISO8601ShortTZ") {
            if (value.length < 3) throw BAD;
            [sign, hh, mm, ss, value] = [value[0], value.slice(1, 3), "00", "00", value.slice(3)];
          } else if (std === "ISO8601ColonSecondsTZ" || std === "NumColonSecondsTZ") {
            if (value.length < 9 || value[3] !== ":" || value[6] !== ":") throw BAD;
            [sign, hh, mm, ss, value] = [value[0], value.slice(1, 3), value.slice(4, 6), value.slice(7, 9), value.slice(9)];
          } else if (std === "ISO8601SecondsTZ" || std === "NumSecondsTz") {
            if (value.length < 7) throw BAD;
            [sign, hh, mm, ss, value] = [value[0], value.slice(1, 3), value.slice(3, 5), value.slice(5, 7), value.slice(7)];
          } else {
            if (value.length < 5) throw BAD;
            [sign, hh, mm, ss, value] = [value[0], value.slice(1, 3), value.slice(3, 5), "00", value.slice(5)];
          }
          const hr = getnum(hh, true)[0];
          const mi = getnum(mm, true)[0];
          const se = getnum(ss, true)[0];
          if (hr > 24) rangeErr = "time zone offset hour";
          if (mi > 60) rangeErr = "time zone offset minute";
          if (se > 60) rangeErr = "time zone offset second";
          zoneOffset = (hr * 60 + mi) * 60 + se;
          if (sign === "-") zoneOffset = -zoneOffset;
          else if (sign !== "+") throw BAD;
          break;
        }
        case "TZ": {
          if (value.startsWith("UTC")) {
            z = UTC;
            value = value.slice(3);
            break;
          }
          const n = parseTimeZone(value);
          if (n === 0) throw BAD;
          zoneName = value.slice(0, n);
          value = value.slice(n);
          break;
        }
        case "FracSecond0": {
          const ndigit = 1 + ch.digits!;
          if (value.length < ndigit) throw BAD;
          nsec = parseNanoseconds(value, ndigit);
          value = value.slice(ndigit);
          break;
        }
        case "FracSecond9": {
          if (value.length < 2 || (value[0] !== "." && value[0] !== ",") || !isDigitAt(value, 1)) break;
          let i = 0;
          while (i + 1 < value.length && isDigitAt(value, i + 1)) i++;
          nsec = parseNanoseconds(value, 1 + i);
          value = value.slice(1 + i);
          break;
        }
      }
    } catch (e) {
      if (e !== BAD) throw e;
      parseError(alayout, avalue, stdstr, hold, "");
    }
    if (rangeErr !== "") parseError(alayout, avalue, stdstr, value, `: ${rangeErr} out of range`);
  }
  if (pmSet && hour < 12) hour += 12;
  else if (amSet && hour === 12) hour = 0;
  if (yday >= 0) {
    let d = 0;
    let m = 0;
    if (isLeap(year)) {
      if (yday === 31 + 29) {
        m = 2;
        d = 29;
      } else if (yday > 31 + 29) yday--;
    }
    if (yday < 1 || yday > 365) parseError(alayout, avalue, "", value, ": day-of-year out of range");
    if (m === 0) {
      m = Math.floor((yday - 1) / 31) + 1;
      const cum = (mm: number) => [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365][mm];
      if (cum(m) < yday) m++;
      d = yday - cum(m - 1);
    }
    if (month >= 0 && month !== m) parseError(alayout, avalue, "", value, ": day-of-year does not match month");
    month = m;
    if (day >= 0 && day !== d) parseError(alayout, avalue, "", value, ": day-of-year does not match day");
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > daysIn(month, year)) parseError(alayout, avalue, "", value, ": day out of range");
  if (z !== null) return GoTime.fromDate(year, month, day, hour, min, sec, nsec, z);
  if (zoneOffset !== -1) {
    const t = GoTime.fromDate(year, month, day, hour, min, sec, nsec, UTC);
    const s = t.sec - zoneOffset;
    const local = zoneAt(defaultLoc, s);
    if (local.offset === zoneOffset && (zoneName === "" || local.name === zoneName)) return new GoTime(s, nsec, defaultLoc);
    return new GoTime(s, nsec, { kind: "fixed", name: zoneName, offset: zoneOffset });
  }
  if (zoneName !== "") {
    const t = GoTime.fromDate(year, month, day, hour, min, sec, nsec, UTC);
    const local = zoneAt(defaultLoc, t.sec);
    if (local.name === zoneName) return new GoTime(t.sec - local.offset, nsec, defaultLoc);
    let offset = 0;
    if (zoneName.length > 3 && zoneName.startsWith("GMT")) offset = Number(zoneName.slice(3)) * 3600;
    return new GoTime(t.sec, nsec, { kind: "fixed", name: zoneName, offset });
  }
  return GoTime.fromDate(year, month, day, hour, min, sec, nsec, defaultLoc);
}

export function isParseError(e: unknown): boolean {
  return e instanceof ParseError;
}

// ------------------------------------------------------------------------------------------------ durations

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

export function isTime(v: GoValue): v is GoTime {
  return v instanceof GoTime;
}
