/** sprig semver/semverCompare over a port of Masterminds/semver v3.5 (NewVersion with coercion, constraints). */
import { fail } from "../errors";
import { f, FuncMap } from "../exec/types";
import { goQuote } from "../format/quote";
import { GoObject, GoValue } from "../value";

const LOOSE = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;
const NUM = /^[0-9]+$/;
const ALLOWED = /^[0-9A-Za-z-]+$/;
const MAX_U64 = 18446744073709551615n;

/** *semver.Version. */
export class SemVersion extends GoObject {
  readonly goType = "*semver.Version";
  readonly goKind = "ptr";
  constructor(
    readonly major: bigint,
    readonly minor: bigint,
    readonly patch: bigint,
    readonly pre: string,
    readonly metadata: string,
    readonly original: string,
  ) {
    super();
  }
  goString(): string {
    return `${this.major}.${this.minor}.${this.patch}${this.pre ? "-" + this.pre : ""}${this.metadata ? "+" + this.metadata : ""}`;
  }
  override marshalText(): string {
    return this.goString();
  }
  goMethods() {
    const num = (x: bigint) => Number(x);
    return {
      Major: { params: [], fn: () => num(this.major) },
      Minor: { params: [], fn: () => num(this.minor) },
      Patch: { params: [], fn: () => num(this.patch) },
      Prerelease: { params: [], fn: () => this.pre },
      Metadata: { params: [], fn: () => this.metadata },
      Original: { params: [], fn: () => this.original },
      String: { params: [], fn: () => this.goString() },
      Compare: { params: ["any"], fn: (o: GoValue) => compare(this, asVersion(o)) },
      LessThan: { params: ["any"], fn: (o: GoValue) => compare(this, asVersion(o)) < 0 },
      GreaterThan: { params: ["any"], fn: (o: GoValue) => compare(this, asVersion(o)) > 0 },
      Equal: { params: ["any"], fn: (o: GoValue) => compare(this, asVersion(o)) === 0 },
      IncMajor: { params: [], fn: () => new SemVersion(this.major + 1n, 0n, 0n, "", "", `${this.major + 1n}.0.0`) },
      IncMinor: { params: [], fn: () => new SemVersion(this.major, this.minor + 1n, 0n, "", "", `${this.major}.${this.minor + 1n}.0`) },
      IncPatch: {
        params: [],
        fn: () =>
          this.pre || this.metadata
            ? new SemVersion(this.major, this.minor, this.patch, "", "", `${this.major}.${this.minor}.${this.patch}`)
            : new SemVersion(this.major, this.minor, this.patch + 1n, "", "", `${this.major}.${this.minor}.${this.patch + 1n}`),
      },
    };
  }
}

function asVersion(o: GoValue): SemVersion {
  if (o instanceof SemVersion) return o;
  fail(`wrong type for value; expected *semver.Version; got ${o === null || o === undefined ? "<nil>" : typeof o}`);
}

function parseSeg(s: string): bigint {
  const v = BigInt(s);
  if (v > MAX_U64) fail(`error parsing version segment: strconv.ParseUint: parsing ${goQuote(s)}: value out of range`);
  return v;
}

function validatePre(p: string): void {
  for (const part of p.split(".")) {
    if (part === "") fail("invalid prerelease string");
    if (NUM.test(part)) {
      if (part.length > 1 && part[0] === "0") fail("version segment starts with 0");
    } else if (!ALLOWED.test(part)) fail("invalid prerelease string");
  }
}
function validateMeta(m: string): void {
  for (const part of m.split(".")) if (part === "" || !ALLOWED.test(part)) fail("invalid metadata string");
}

/** semver.NewVersion (CoerceNewVersion = true). */
export function newVersion(v: string): SemVersion {
  if (Buffer.byteLength(v) > 256) fail("version string is too long (max 256 bytes)");
  const m = LOOSE.exec(v);
  if (!m) fail("invalid semantic version");
  const major = parseSeg(m[1]);
  const minor = m[2] ? parseSeg(m[2].slice(1)) : 0n;
  const patch = m[3] ? parseSeg(m[3].slice(1)) : 0n;
  const pre = m[5] ?? "";
  const meta = m[8] ?? "";
  if (pre) validatePre(pre);
  if (meta) validateMeta(meta);
  return new SemVersion(major, minor, patch, pre, meta, v);
}

function cmpBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function parseU64(s: string): bigint | null {
  return /^[0-9]+$/.test(s) && BigInt(s) <= MAX_U64 ? BigInt(s) : null;
}

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === "") return o !== "" ? -1 : 1;
  if (o === "") return s !== "" ? 1 : -1;
  const oi = parseU64(o);
  const si = parseU64(s);
  if (oi === null && si === null) return s > o ? 1 : -1;
  if (oi === null) return -1;
  if (si === null) return 1;
  return si > oi ? 1 : -1;
}

function comparePrerelease(v: string, o: string): number {
  const sp = v.split(".");
  const op = o.split(".");
  const l = Math.max(sp.length, op.length);
  for (let i = 0; i < l; i++) {
    const d = comparePrePart(sp[i] ?? "", op[i] ?? "");
    if (d !== 0) return d;
  }
  return 0;
}

export function compare(v: SemVersion, o: SemVersion): number {
  const d = cmpBig(v.major, o.major) || cmpBig(v.minor, o.minor) || cmpBig(v.patch, o.patch);
  if (d !== 0) return d;
  if (v.pre === "" && o.pre === "") return 0;
  if (v.pre === "") return 1;
  if (o.pre === "") return -1;
  return comparePrerelease(v.pre, o.pre);
}

// ------------------------------------------------------------------------------------------------ constraints

const CV = String.raw`v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?`;
const OPS = String.raw`=||!=|>|<|>=|=>|<=|=<|~|~>|\^`;
// JS alternation is leftmost-first like Go's RE2 (non-POSIX), so the same patterns behave identically.
const constraintRegex = new RegExp(String.raw`^\s*(${OPS})\s*(${CV})\s*$`);
const constraintRangeRegex = new RegExp(String.raw`\s*(${CV})\s+-\s+(${CV})\s*`, "g");
const findConstraintRegex = new RegExp(String.raw`(${OPS})\s*(${CV})`, "g");
const validConstraintRegex = new RegExp(String.raw`^(\s*(${OPS})\s*(${CV})\s*)((?:\s+|,\s*)(${OPS})\s*(${CV})\s*)*$`);

interface Constraint {
  con: SemVersion;
  orig: string;
  origfunc: string;
  minorDirty: boolean;
  dirty: boolean;
  patchDirty: boolean;
}

const isX = (x: string) => x === "x" || x === "*" || x === "X";

function parseConstraint(c: string): Constraint {
  if (c.length === 0) return { con: newVersion("0.0.0"), orig: c, origfunc: "", minorDirty: false, patchDirty: false, dirty: true };
  const m = constraintRegex.exec(c);
  if (!m) fail(`improper constraint: ${goQuote(c)}`);
  let ver = m[2];
  let minorDirty = false;
  let patchDirty = false;
  let dirty = false;
  const m3 = m[3] ?? "";
  const m4 = m[4] ?? "";
  const m5 = m[5] ?? "";
  const m6 = m[6] ?? "";
  if (isX(m3) || m3 === "") {
    ver = `0.0.0${m6}`;
    dirty = true;
  } else if (isX(m4.replace(/^\./, "")) || m4 === "") {
    minorDirty = true;
    dirty = true;
    ver = `${m3}.0.0${m6}`;
  } else if (isX(m5.replace(/^\./, "")) || m5 === "") {
    dirty = true;
    patchDirty = true;
    ver = `${m3}${m4}.0${m6}`;
  }
  let con: SemVersion;
  try {
    con = newVersion(ver);
  } catch {
    fail("constraint parser error");
  }
  return { con, orig: m[2], origfunc: m[1], minorDirty, patchDirty, dirty };
}

function rewriteRange(i: string): string {
  let o = i;
  for (const v of i.matchAll(constraintRangeRegex)) o = o.replace(v[0], `>= ${v[1]}, <= ${v[11]} `);
  return o;
}

function newConstraint(c: string): { groups: Constraint[][]; hasPre: boolean[] } {
  if (Buffer.byteLength(c) > 512) fail("constraint string is too long (max 512 bytes)");
  c = rewriteRange(c);
  const ors = c.split("||");
  if (ors.length > 32) fail("too many constraint groups (max 32)");
  const groups: Constraint[][] = [];
  const hasPre: boolean[] = [];
  for (const v of ors) {
    if (!validConstraintRegex.test(v)) fail(`improper constraint: ${goQuote(v)}`);
    let cs = [...v.matchAll(findConstraintRegex)].map((x) => x[0]);
    if (cs.length === 0) cs = [v];
    const result = cs.map(parseConstraint);
    hasPre.push(result.some((r) => r.con.pre !== ""));
    groups.push(result);
  }
  return { groups, hasPre };
}

function check(v: SemVersion, c: Constraint, includePre: boolean): boolean {
  if (v.pre !== "" && !includePre) return false;
  const cmp = () => compare(v, c.con);
  switch (c.origfunc) {
    case "":
    case "=":
      if (c.dirty) return tilde(v, c);
      return cmp() === 0;
    case "!=":
      if (c.dirty) {
        if (c.con.major !== v.major) return true;
        if (c.con.minor !== v.minor && !c.minorDirty) return true;
        else if (c.minorDirty) return false;
        else if (c.con.patch !== v.patch && !c.patchDirty) return true;
        else if (c.patchDirty) {
          if (v.pre !== "" || c.con.pre !== "") return comparePrerelease(v.pre, c.con.pre) !== 0;
          return false;
        }
      }
      return cmp() !== 0;
    case ">":
      if (!c.dirty) return cmp() === 1;
      if (v.major > c.con.major) return true;
      if (v.major < c.con.major) return false;
      if (c.minorDirty) return false;
      if (c.patchDirty) return v.minor > c.con.minor;
      return cmp() === 1;
    case "<":
      return cmp() < 0;
    case ">=":
    case "=>":
      return cmp() >= 0;
    case "<=":
    case "=<":
      if (!c.dirty) return cmp() <= 0;
      if (v.major > c.con.major) return false;
      if (v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty) return false;
      return true;
    case "~":
    case "~>":
      return tilde(v, c);
    case "^": {
      if (cmp() < 0) return false;
      if (c.con.major > 0n || c.minorDirty) return v.major === c.con.major;
      if (c.con.major === 0n && v.major > 0n) return false;
      if (c.con.minor > 0n || c.patchDirty) return v.minor === c.con.minor;
      if (c.con.minor === 0n && v.minor > 0n) return false;
      return c.con.patch === v.patch;
    }
  }
  return false;
}

function tilde(v: SemVersion, c: Constraint): boolean {
  if (compare(v, c.con) < 0) return false;
  if (c.con.major === 0n && c.con.minor === 0n && c.con.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== c.con.major) return false;
  if (v.minor !== c.con.minor && !c.minorDirty) return false;
  return true;
}

export function semverCompare(constraint: string, version: string): boolean {
  const cs = newConstraint(constraint);
  const v = newVersion(version);
  return cs.groups.some((group, i) => group.every((c) => check(v, c, cs.hasPre[i])));
}

export function semverFuncs(): FuncMap {
  const m: FuncMap = new Map();
  m.set("semver", f(["string"], newVersion));
  m.set("semverCompare", f(["string", "string"], semverCompare));
  return m;
}
