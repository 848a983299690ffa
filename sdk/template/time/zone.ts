/** Time zones for time.Time: UTC, Local, IANA names (offsets and abbreviations from ICU via Intl), fixed zones. */

/** A zone in effect: name (abbreviation; "" for unnamed fixed zones) and offset east of UTC in seconds. */
export interface Zone {
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

