/** time.Parse / ParseInLocation with Go's layouts and error messages. */
import { daysFromCivil, daysIn, GoTime, isLeap } from "./time";
import { isDigitAt, LONG_DAYS, LONG_MONTHS, nextStdChunk } from "./layout";
import { Loc, UTC, zoneAt } from "./zone";


/** time's quote(). */
export function tquote(s: string): string {
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

