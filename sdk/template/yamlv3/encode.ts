/** yaml.v3 Marshal (indent 2) of Go values: libyaml's scalar analysis and style selection, natural key order. */
import { formatFloat } from "../format/float";
import { GoFloat, GoMap, GoObject, GoValue, isMap } from "../value";
import { resolvePlain } from "./resolve";

const isDigit = (c: string) => /^\p{Nd}$/u.test(c);
const isLetter = (c: string) => /^\p{L}$/u.test(c);

/** yaml.v3 keyList.Less for string keys ("natural" order). */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = Array.from(a);
  const br = Array.from(b);
  let digits = false;
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) {
      digits = isDigit(ar[i]);
      continue;
    }
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
    if (al || bl) return digits ? al : bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === "0" || br[i] === "0") {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== "0") {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10n + BigInt(ar[ai].codePointAt(0)! - 48);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10n + BigInt(br[bi].codePointAt(0)! - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
  }
  return ar.length < br.length;
}

const BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const OLD_BOOLS = new Set(["y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "n", "N", "no", "No", "NO", "off", "Off", "OFF"]);

interface Analysis {
  multiline: boolean;
  blockPlain: boolean;
  singleQuoted: boolean;
  block: boolean;
}

function isPrintableCp(c: number): boolean {
  return c === 0x0a || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);
}
const isBreakCp = (c: number) => c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;

function analyze(value: string): Analysis {
  if (value.length === 0) return { multiline: false, blockPlain: true, singleQuoted: true, block: false };
  const cps = Array.from(value, (ch) => ch.codePointAt(0)!);
  let blockIndicators = false;
  let lineBreaks = false;
  let special = false;
  let tabs = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let prevSpace = false;
  let prevBreak = false;
  if (value.startsWith("---") || value.startsWith("...")) blockIndicators = true;
  let precededByWs = true;
  const isBlank = (c: number | undefined) => c === 0x20 || c === 0x09;
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i];
    const ch = String.fromCodePoint(c);
    const followedByWs = i + 1 >= cps.length || isBlank(cps[i + 1]);
    if (i === 0) {
      if ("#,[]{}&*!|>'\"%@`".includes(ch)) blockIndicators = true;
      else if ((ch === "?" || ch === ":") && followedByWs) blockIndicators = true;
      else if (ch === "-" && followedByWs) blockIndicators = true;
    } else {
      if (ch === ":" && followedByWs) blockIndicators = true;
      else if (ch === "#" && precededByWs) blockIndicators = true;
    }
    if (c === 0x09) tabs = true;
    else if (!isPrintableCp(c)) special = true;
    if (c === 0x20) {
      if (i === 0) leadingSpace = true;
      if (i === cps.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreakCp(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === cps.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWs = isBlank(c) || isBreakCp(c) || c === 0;
  }
  const a: Analysis = { multiline: lineBreaks, blockPlain: true, singleQuoted: true, block: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.blockPlain = false;
  if (trailingSpace) a.block = false;
  if (breakSpace) {
    a.blockPlain = false;
    a.singleQuoted = false;
  }
  if (spaceBreak || tabs || special) {
    a.blockPlain = false;
    a.singleQuoted = false;
  }
  if (spaceBreak || special) a.block = false;
  if (lineBreaks) a.blockPlain = false;
  if (blockIndicators) a.blockPlain = false;
  return a;
}

function doubleQuoted(value: string): string {
  let out = '"';
  for (const ch of value) {
    const v = ch.codePointAt(0)!;
    if (!isPrintableCp(v) || v === 0xfeff || isBreakCp(v) || ch === '"' || ch === "\\") {
      const esc: Record<number, string> = {
        0: "0",
        7: "a",
        8: "b",
        9: "t",
        10: "n",
        11: "v",
        12: "f",
        13: "r",
        0x1b: "e",
        0x22: '"',
        0x5c: "\\",
        0x85: "N",
        0xa0: "_",
        0x2028: "L",
        0x2029: "P",
      };
      if (esc[v] !== undefined) out += "\\" + esc[v];
      else if (v <= 0xff) out += "\\x" + v.toString(16).toUpperCase().padStart(2, "0");
      else if (v <= 0xffff) out += "\\u" + v.toString(16).toUpperCase().padStart(4, "0");
      else out += "\\U" + v.toString(16).toUpperCase().padStart(8, "0");
    } else out += ch;
  }
  return out + '"';
}

/** libyaml's single-quoted writer: quotes doubled; after line breaks the indentation is written. */
function singleQuoted(value: string, indent: number): string {
  let out = "'";
  let breaks = false;
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    if (isBreakCp(c)) {
      out += ch;
      breaks = true;
      continue;
    }
    if (breaks) out += " ".repeat(indent);
    breaks = false;
    out += ch === "'" ? "''" : ch;
  }
  return out + "'";
}

type Style = "plain" | "single" | "double" | "literal";

function stringStyle(s: string, simpleKey: boolean): Style {
  const r = resolvePlain(s);
  const canUsePlain = (r.tag === "str" || r.tag === "merge") && !(BASE60.test(s) || OLD_BOOLS.has(s));
  let style: Style = s.includes("\n") ? "literal" : canUsePlain ? "plain" : "double";
  const a = analyze(s);
  if (simpleKey && a.multiline) style = "double";
  if (style === "plain") {
    if (!a.blockPlain) style = "single";
    if (s.length === 0 && simpleKey) style = "single";
  }
  if (style === "single" && !a.singleQuoted) style = "double";
  if (style === "literal" && (!a.block || simpleKey)) style = "double";
  return style;
}

function literal(s: string, indent: number): string {
  let hints = "";
  const first = s.codePointAt(0)!;
  if (first === 0x20 || isBreakCp(first)) hints += "2";
  const cps = Array.from(s, (c) => c.codePointAt(0)!);
  const last = cps[cps.length - 1];
  if (!isBreakCp(last)) hints += "-";
  else if (cps.length === 1 || isBreakCp(cps[cps.length - 2])) hints += "+";
  const pad = " ".repeat(indent);
  let out = "|" + hints + "\n";
  const lines = s.split(/\r\n|\n|\r|\u0085|\u2028|\u2029/);
  // a trailing break produces a final empty segment that is not a line of its own
  if (isBreakCp(last)) lines.pop();
  out += lines.map((l) => (l === "" ? "" : pad + l)).join("\n");
  return out;
}

function scalarText(v: GoValue, indent: number, simpleKey = false): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "bigint") return v.toString();
  if (v instanceof GoObject) {
    const text = v.marshalText() ?? v.goString();
    return v.goType === "time.Time" ? text : scalarText(text, indent, simpleKey);
  }
  if (typeof v === "number" && Number.isSafeInteger(v)) return String(v);
  if (typeof v === "number" || v instanceof GoFloat) {
    const f = v instanceof GoFloat ? v.value : v;
    const s = formatFloat(f, "g", -1);
    return s === "+Inf" ? ".inf" : s === "-Inf" ? "-.inf" : s === "NaN" ? ".nan" : s;
  }
  const s = v as string;
  switch (stringStyle(s, simpleKey)) {
    case "plain":
      return s;
    case "single":
      return singleQuoted(s, indent);
    case "double":
      return doubleQuoted(s);
    case "literal":
      return literal(s, indent);
  }
}

function sortedYamlKeys(m: GoMap): string[] {
  return Object.keys(m).sort((a, b) => (yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0));
}

function isEmptyCollection(v: GoValue): boolean {
  return (Array.isArray(v) && v.length === 0) || (isMap(v) && Object.keys(v).length === 0);
}

/** Emits a block node whose first line continues the current line; `indent` is the column of nested content. */
function emitBlock(v: GoValue, indent: number): string {
  const pad = " ".repeat(indent);
  if (Array.isArray(v)) {
    return v
      .map((item, i) => {
        const prefix = (i === 0 ? "" : pad) + "- ";
        if ((Array.isArray(item) || isMap(item)) && !isEmptyCollection(item)) return prefix + emitBlock(item, indent + 2);
        return prefix + inlineValue(item, indent + 2) + "\n";
      })
      .join("");
  }
  const m = v as GoMap;
  return sortedYamlKeys(m)
    .map((k, i) => {
      const val = m[k];
      const complexKey = analyze(k).multiline || Buffer.byteLength(k) > 128;
      if (complexKey) {
        const head = (i === 0 ? "" : pad) + "? " + scalarText(k, indent + 2, false) + "\n" + pad + ":";
        if ((Array.isArray(val) || isMap(val)) && !isEmptyCollection(val)) return head + " " + emitBlock(val, indent + 2);
        return head + " " + inlineValue(val, indent + 2) + "\n";
      }
      const head = (i === 0 ? "" : pad) + scalarText(k, indent, true) + ":";
      if ((Array.isArray(val) || isMap(val)) && !isEmptyCollection(val)) return head + "\n" + " ".repeat(indent + 2) + emitBlock(val, indent + 2);
      return head + " " + inlineValue(val, indent + 2) + "\n";
    })
    .join("");
}

function inlineValue(v: GoValue, indent: number): string {
  if (Array.isArray(v)) return "[]";
  if (isMap(v)) return "{}";
  return scalarText(v, indent);
}

/** Encode like helmfile's toYaml (yaml.v3 Marshal with indent 2: natural key order, trailing newline kept). */
export function encodeYaml(value: unknown): string {
  const v = value as GoValue;
  if ((Array.isArray(v) || isMap(v)) && !isEmptyCollection(v)) return emitBlock(v, 0);
  const s = inlineValue(v, 2);
  return s + "\n";
}
