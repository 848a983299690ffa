/**
 * YAML as helmfile's Go code sees it (go.yaml.in/yaml/v3, the default since helmfile v1): decoding into interface{}
 * (map[string]interface{}, []interface{}, int, float64, bool, nil; timestamps stay strings) and Marshal with indent 2.
 */
import { Alias, Document, isAlias, isMap as isYamlMap, isPair, isScalar, isSeq, Node as YNode, parseAllDocuments, Scalar } from "yaml";
import { GoFloat, GoMap, GoObject, GoValue, isMap, mkFloat } from "./value";
import { formatFloat } from "./format/float";
import { formatV } from "./format/printf";
import { parseIntBase0 } from "./funcs/conv";
import { parseTime, UTC } from "./funcs/gotime";

const TIMESTAMP_FORMATS = ["2006-1-2T15:4:5.999999999Z07:00", "2006-1-2t15:4:5.999999999Z07:00", "2006-1-2 15:4:5.999999999", "2006-1-2"];

/** yaml.v3 parseTimestamp: a time.Time (as GoTime) or null. */
function parseTimestamp(s: string): GoValue {
  if (!/^\d{4}-/.test(s)) return null;
  for (const f of TIMESTAMP_FORMATS) {
    try {
      return parseTime(f, s, UTC);
    } catch {
      /* next format */
    }
  }
  return null;
}

const NULLS = new Set(["", "~", "null", "Null", "NULL"]);
const TRUES = new Set(["true", "True", "TRUE"]);
const FALSES = new Set(["false", "False", "FALSE"]);
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

type Resolved = { tag: "null" | "bool" | "int" | "float" | "str" | "merge" | "timestamp"; value: GoValue };

/** yaml.v3 resolve("", plain). */
export function resolvePlain(s: string): Resolved {
  if (NULLS.has(s)) return { tag: "null", value: null };
  if (TRUES.has(s)) return { tag: "bool", value: true };
  if (FALSES.has(s)) return { tag: "bool", value: false };
  if (s === "<<") return { tag: "merge", value: "<<" };
  const c = s[0];
  if ([".nan", ".NaN", ".NAN"].includes(s)) return { tag: "float", value: NaN };
  if ([".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"].includes(s)) return { tag: "float", value: Infinity };
  if (["-.inf", "-.Inf", "-.INF"].includes(s)) return { tag: "float", value: -Infinity };
  if (c === ".") {
    if (/^\.\d+([eE][-+]?\d+)?$/.test(s)) return { tag: "float", value: mkFloat(Number(s)) };
    return { tag: "str", value: s };
  }
  if (c === "+" || c === "-" || (c >= "0" && c <= "9")) {
    const ts = parseTimestamp(s);
    if (ts !== null) return { tag: "timestamp", value: ts };
    const plain = s.replace(/_/g, "");
    const i = parseIntBase0(plain);
    if (i !== null) return { tag: "int", value: Number(i) };
    if (YAML_FLOAT.test(plain)) return { tag: "float", value: mkFloat(Number(plain)) };
    const b = /^(-?)0([bo])([0-9]+)$/.exec(plain);
    if (b) {
      const digits = b[3];
      const ok = b[2] === "b" ? /^[01]+$/.test(digits) : /^[0-7]+$/.test(digits);
      if (ok) {
        const v = BigInt((b[2] === "b" ? "0b" : "0o") + digits) * (b[1] ? -1n : 1n);
        if (v <= 9223372036854775807n && v >= -9223372036854775808n) return { tag: "int", value: Number(v) };
      }
    }
  }
  return { tag: "str", value: s };
}

/** A YAML decoding error (message shaped like yaml.v3's "yaml: line N: ..."). */
export class YamlError extends Error {
  override readonly name = "YamlError";
}

interface DecodeOpts {
  strictKeys: boolean;
}

function keyString(k: GoValue, strict: boolean, m: Map<GoValue, GoValue>): string {
  if (typeof k === "string") return k;
  if (strict) {
    const t = k === null ? "<nil>" : typeof k === "boolean" ? "bool" : typeof k === "number" && Number.isInteger(k) ? "int" : "float64";
    const shown = [...m.entries()].map(([a, b]) => `${formatV(a)}:${formatV(b)}`).join(" ");
    throw new YamlError(`unexpected type of key in map: expected string, got ${t}: value=${formatV(k)}, map=map[${shown}]`);
  }
  return formatV(k);
}

function decodeNode(node: YNode | null | undefined, doc: Document, opts: DecodeOpts, depth = 0): GoValue {
  if (depth > 10000) throw new YamlError("yaml: exceeded max depth of 10000");
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return decodeNode((node as Alias).resolve(doc) as YNode | undefined, doc, opts, depth + 1);
  if (isScalar(node)) return decodeScalar(node);
  if (isSeq(node)) return node.items.map((it) => decodeNode(it as YNode, doc, opts, depth + 1));
  if (isYamlMap(node)) {
    const entries = new Map<GoValue, GoValue>();
    const explicit = new Set<GoValue>();
    const merges: YNode[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const kn = pair.key as YNode | null;
      if (isScalar(kn) && kn.type === "PLAIN" && !kn.tag && kn.source === "<<") {
        merges.push(pair.value as YNode);
        continue;
      }
      const k = decodeNode(kn, doc, opts, depth + 1);
      explicit.add(k);
      entries.set(k, decodeNode(pair.value as YNode, doc, opts, depth + 1));
    }
    for (const mn of merges) {
      const srcs: YNode[] = [];
      const target = isAlias(mn) ? ((mn as Alias).resolve(doc) as YNode) : mn;
      if (isSeq(target)) for (const it of target.items) srcs.push(isAlias(it) ? ((it as Alias).resolve(doc) as YNode) : (it as YNode));
      else srcs.push(target);
      for (const src of srcs) {
        if (!isYamlMap(src)) throw new YamlError("yaml: map merge requires map or sequence of maps as the value");
        const v = decodeNode(src, doc, opts, depth + 1);
        for (const [k, val] of Object.entries(v as GoMap)) {
          if (explicit.has(k) || entries.has(k)) continue;
          entries.set(k, val);
        }
      }
    }
    const out: GoMap = {};
    for (const [k, v] of entries) out[keyString(k, opts.strictKeys, entries)] = v;
    return out;
  }
  return null;
}

function decodeScalar(node: Scalar): GoValue {
  const raw = node.source ?? String(node.value ?? "");
  const tag = node.tag;
  if (tag) {
    const short = tag.replace(/^tag:yaml\.org,2002:/, "!!");
    switch (short) {
      case "!!str":
      case "!":
        return raw;
      case "!!null":
        return null;
      case "!!bool": {
        const r = resolvePlain(raw);
        if (r.tag !== "bool") throw new YamlError(`yaml: cannot decode !!str \`${raw}\` as a !!bool`);
        return r.value;
      }
      case "!!int": {
        const r = resolvePlain(raw);
        if (r.tag !== "int") throw new YamlError(`yaml: cannot decode !!str \`${raw}\` as a !!int`);
        return r.value;
      }
      case "!!float": {
        const r = resolvePlain(raw);
        if (r.tag === "int") return new GoFloat(r.value as number);
        if (r.tag !== "float") throw new YamlError(`yaml: cannot decode !!str \`${raw}\` as a !!float`);
        return r.value;
      }
      case "!!binary":
        return Buffer.from(raw.replace(/\s+/g, ""), "base64").toString("utf8");
      case "!!timestamp":
        return raw;
      default:
        return node.type === "PLAIN" ? resolvePlain(raw).value : raw;
    }
  }
  if (node.type !== "PLAIN") return raw;
  const r = resolvePlain(raw);
  if (r.tag === "merge") return "<<";
  return r.value;
}

function parseFirst(text: string, fileName?: string): { doc: Document | null } {
  const docs = parseAllDocuments(text, { schema: "failsafe", uniqueKeys: true, strict: false, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [];
  if (!Array.isArray(docs)) {
    // EmptyStream
    return { doc: null };
  }
  const first = list[0];
  if (!first) return { doc: null };
  const err = first.errors[0];
  if (err) {
    const line = err.linePos?.[0]?.line;
    throw new YamlError(`yaml: ${fileName ? fileName + ": " : ""}${line !== undefined ? `line ${line}: ` : ""}${err.message.split("\n")[0]}`);
  }
  return { doc: first };
}

/**
 * Decode YAML the way helmfile's Go yaml decoding does into interface{} (maps, []interface{}, int vs float64, bool,
 * nil). Only the first document is decoded. Integral floats (`1.0`) come back as {@link GoFloat}. Non-string keys
 * are converted with Go's %v formatting (as helmfile's maputil does).
 */
export function decodeYaml(text: string, fileName?: string): unknown {
  const { doc } = parseFirst(text, fileName);
  if (!doc) return null;
  return decodeNode(doc.contents as YNode, doc, { strictKeys: false });
}

/** fromYaml's decoding: like decodeYaml, but non-string map keys are an error (maputil.RecursivelyStringifyMapKey). */
export function decodeYamlStrict(text: string): GoValue {
  const { doc } = parseFirst(text);
  if (!doc) return null;
  return decodeNode(doc.contents as YNode, doc, { strictKeys: true });
}

// ------------------------------------------------------------------------------------------------------- encoding

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
  if (typeof v === "number" && Number.isInteger(v)) return String(v);
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
        if ((Array.isArray(val) || isMap(val)) && !isEmptyCollection(val)) return head + "\n" + " ".repeat(indent + 2) + emitBlock(val, indent + 2);
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
