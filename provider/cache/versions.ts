/**
 * Chart versions: telling a pinned version from a range, and picking the highest version satisfying a range
 * (helm's Masterminds constraints mapped onto node-semver: a comma means AND).
 */
import * as semver from "semver";
import { PulumiHelmfileError } from "../errors";

/** Whether `v` names one version (e.g. "1.2.3", "v1.2.3-rc.1") rather than a range. */
export function isPinned(v: string | undefined): v is string {
  return !!v && semver.valid(v, { loose: false }) !== null;
}

/** helm constraint → node-semver range. */
export function toSemverRange(constraint: string): string {
  return constraint
    .split("||")
    .map((part) => part.split(",").map((s) => s.trim()).filter(Boolean).join(" "))
    .join(" || ");
}

/** The highest version in `available` satisfying `constraint` (any stable version when undefined). */
export function highestSatisfying(available: readonly string[], constraint: string | undefined, devel = false): string | undefined {
  const range = constraint ? toSemverRange(constraint) : "*";
  if (semver.validRange(range) === null) throw new PulumiHelmfileError(`invalid version constraint '${constraint}'`);
  return semver.maxSatisfying([...available], range, { includePrerelease: devel }) ?? undefined;
}
