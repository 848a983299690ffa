/** time.Time / time.Duration for the template engine. */
export { GoTime, ZERO_TIME } from "./time";
export { durationString, parseDuration } from "./duration";
export { isParseError, parseTime } from "./parse";
export { loadLocation, localLoc, UTC, zoneAt } from "./zone";
export type { Loc } from "./zone";
