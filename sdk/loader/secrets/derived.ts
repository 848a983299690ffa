/**
 * What in a resolved state derives from a secret. The state is loaded twice: with the secrets, and with every secret
 * replaced by a canary of the same shape sharing none of its text (./source.ts). A value that differs between the two
 * loads depends on a secret, whatever templates did to it (`b64enc`, `sha256sum`, `trunc`, an `if`): it becomes a
 * {@link SecretValue}. Secrets may reach release values, `set` and `setString` (which helm gets through 0600 files) and
 * the state values; anything else derived from one (a name, a chart, a label, a hook's command line) is an error.
 * When the canary load itself fails (a template that needs the real text, e.g. `b64dec`), every value of every
 * release is secret and the other fields are searched for the plaintexts instead.
 */
import { isDeepStrictEqual } from "node:util";
import { SecretValue } from "../../state/secret";
import type { HelmfileState, ResolvedRelease } from "../../state/types";
import { HelmfileLoadError } from "../errors";
import { isPlainObject } from "../plainObject";

/** Secrets shorter than this are not searched for in the fallback (provider/secrets/forms.ts MIN_SECRET_LENGTH). */
const MIN_SEARCHED = 3;

/** `real` with each part that differs from `canary` replaced by a {@link SecretValue}. */
export function markTree(real: unknown, canary: unknown): unknown {
  if (isDeepStrictEqual(real, canary)) return real;
  if (isPlainObject(real) && isPlainObject(canary)) {
    const keys = Object.keys(real);
    if (keys.length === Object.keys(canary).length && keys.every((k) => k in canary)) {
      return Object.fromEntries(keys.map((k) => [k, markTree(real[k], canary[k])]));
    }
  } else if (Array.isArray(real) && Array.isArray(canary) && real.length === canary.length) {
    return real.map((x, i) => markTree(x, canary[i]));
  }
  return new SecretValue(real);
}

/** Every scalar leaf of a tree as a {@link SecretValue}. */
function allSecret(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(allSecret);
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, allSecret(x)]));
  return v === null || v === undefined ? v : new SecretValue(v);
}

/** The fields of a release that may hold secrets; a `password` anywhere is made secret by the SDK (release-args.ts). */
const SECRET_FIELDS = new Set(["values", "set", "setString"]);

function fail(r: ResolvedRelease, field: string): never {
  throw new HelmfileLoadError(
    `release "${r.id}": ${field} is derived from a secret; secrets may reach only values, set and setString (helm reads those from private files)`,
    { file: r.sourceFile, keyPath: field },
  );
}

/** The first path below `field` where `a` and `b` differ, skipping `password` keys. */
function differsAt(a: unknown, b: unknown, at: string): string | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (isPlainObject(a) && isPlainObject(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (k === "password") continue;
      const d = differsAt(a[k], b[k], `${at}.${k}`);
      if (d) return d;
    }
    return undefined;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    for (let i = 0; i < a.length; i++) {
      const d = differsAt(a[i], b[i], `${at}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  return at;
}

function markRelease(r: ResolvedRelease, c: ResolvedRelease): ResolvedRelease {
  for (const k of new Set([...Object.keys(r), ...Object.keys(c)])) {
    if (SECRET_FIELDS.has(k)) continue;
    const d = differsAt(r[k as keyof ResolvedRelease], c[k as keyof ResolvedRelease], k);
    if (d) fail(r, d);
  }
  const values = r.values.length === c.values.length ? r.values.map((v, i) => markTree(v, c.values[i])) : r.values.map(allSecret);
  if (r.set.length !== c.set.length || r.setString.length !== c.setString.length) fail(r, "the number of set entries");
  const set = r.set.map((s, i) => {
    if (s.name !== c.set[i].name) fail(r, `set[${i}].name`);
    if (s.file !== c.set[i].file) fail(r, `set[${i}].file`);
    return { ...s, ...(s.value !== undefined ? { value: markTree(s.value, c.set[i].value) } : {}), ...(s.values ? { values: markTree(s.values, c.set[i].values) as unknown[] } : {}) };
  });
  const setString = r.setString.map((s, i) => {
    if (s.name !== c.setString[i].name) fail(r, `setString[${i}].name`);
    return { ...s, value: markTree(s.value, c.setString[i].value) as string };
  });
  return { ...r, values: values as ResolvedRelease["values"], set, setString };
}

function holdsPlaintext(v: unknown, secrets: string[]): boolean {
  if (typeof v === "string") return secrets.some((s) => v.includes(s));
  if (Array.isArray(v)) return v.some((x) => holdsPlaintext(x, secrets));
  if (isPlainObject(v)) return Object.entries(v).some(([k, x]) => k !== "password" && holdsPlaintext(x, secrets));
  return false;
}

function markAll(r: ResolvedRelease, secrets: string[]): ResolvedRelease {
  for (const [k, v] of Object.entries(r)) if (!SECRET_FIELDS.has(k) && holdsPlaintext(v, secrets)) fail(r, k);
  return {
    ...r,
    values: r.values.map(allSecret) as ResolvedRelease["values"],
    set: r.set.map((s) => ({ ...s, ...(s.value !== undefined ? { value: allSecret(s.value) } : {}), ...(s.values ? { values: allSecret(s.values) as unknown[] } : {}) })),
    setString: r.setString.map((s) => ({ ...s, value: allSecret(s.value) as string })),
  };
}

/**
 * The state with everything derived from a secret marked. `canary`: the same load with canaries, undefined when it
 * failed; `plaintexts`: every secret read (for that case).
 */
export function markDerived(real: HelmfileState, canary: HelmfileState | undefined, plaintexts: ReadonlySet<string>): HelmfileState {
  if (!canary) {
    const secrets = [...plaintexts].filter((s) => s.length >= MIN_SEARCHED);
    return { ...real, stateValues: allSecret(real.stateValues) as HelmfileState["stateValues"], releases: real.releases.map((r) => markAll(r, secrets)) };
  }
  const ids = real.releases.map((r) => r.id);
  if (!isDeepStrictEqual(ids, canary.releases.map((r) => r.id))) {
    const r = real.releases.find((x, i) => x.id !== canary.releases[i]?.id) ?? real.releases[real.releases.length - 1];
    throw new HelmfileLoadError("which releases are loaded (or their names) is derived from a secret", { file: r?.sourceFile, keyPath: "releases" });
  }
  return {
    ...real,
    stateValues: markTree(real.stateValues, canary.stateValues) as HelmfileState["stateValues"],
    releases: real.releases.map((r, i) => markRelease(r, canary.releases[i])),
  };
}
