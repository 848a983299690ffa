/** Go time layouts: tokenizing (nextStdChunk) and formatting (Time.Format). */
import { fail } from "../errors";
import type { GoTime } from "./time";

export const LONG_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
export const LONG_DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export type Std =
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

export interface Chunk {
  prefix: string;
  std: Std | null;
  suffix: string;
  /** FracSecond: digit count and separator. */
  digits?: number;
  sep?: string;
}

const STD0X: Std[] = ["ZeroMonth", "ZeroDay", "ZeroHour12", "ZeroMinute", "ZeroSecond", "Year"];
export const isDigitAt = (s: string, i: number) => i < s.length && s[i] >= "0" && s[i] <= "9";

export function nextStdChunk(layout: string): Chunk {
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

export function formatTime(t: GoTime, layout: string): string {
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

