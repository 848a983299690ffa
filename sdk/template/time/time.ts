/**
 * time.Time as sprig's date functions and yaml.v3 timestamps need them: Go layouts (Format and
 * Parse), zones (UTC, Local, IANA names via Intl), Duration.String and ParseDuration.
 *
 * Limitation: zone abbreviations (the "MST" layout element and Time.String) are only known for UTC, fixed offsets,
 * and zones for which ICU reports an alphabetic abbreviation; elsewhere formatting them fails with a clear error.
 */
import { GoObject } from "../value";
import { formatTime } from "./layout";
import { localLoc, Loc, UTC, Zone, zoneAt } from "./zone";

const NS_PER_SEC = 1_000_000_000n;
const PROCESS_START = process.hrtime.bigint();


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
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
export const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
export function daysIn(m: number, y: number): number {
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

