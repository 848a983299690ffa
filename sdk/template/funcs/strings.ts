/** sprig string functions (strings.go) and Go's strings package as sprig exposes it. */
import { fail } from "../errors";
import { f, FuncMap } from "../exec/types";
import { goQuote } from "../format/quote";
import { sprintf, formatV } from "../format/printf";
import { elemType, GoMap, GoValue, typed } from "../value";
import { strval } from "./conv";

const enc = (s: string) => Buffer.from(s, "utf8");
const dec = (b: Buffer) => b.toString("utf8");

/** Go byte-offset slicing. */
export function bslice(s: string, start: number, end?: number): string {
  const b = enc(s);
  if (start < 0 || (end !== undefined && (end > b.length || end < start)) || start > b.length) {
    fail(`runtime error: slice bounds out of range [${start}:${end ?? b.length}] with length ${b.length}`);
  }
  return dec(b.subarray(start, end));
}
export function blen(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

/** unicode.IsSpace. */
export function isSpace(c: string): boolean {
  return /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/.test(c);
}
const isLetter = (c: string) => /^\p{L}$/u.test(c);
const isDigit = (c: string) => /^\p{Nd}$/u.test(c);
const isUpper = (c: string) => /^\p{Lu}$/u.test(c);
const isLower = (c: string) => /^\p{Ll}$/u.test(c);
const isTitleCase = (c: string) => /^\p{Lt}$/u.test(c);

/** Go strings.TrimSpace. */
export function trimSpace(s: string): string {
  const chars = Array.from(s);
  let a = 0;
  let b = chars.length;
  while (a < b && isSpace(chars[a])) a++;
  while (b > a && isSpace(chars[b - 1])) b--;
  return chars.slice(a, b).join("");
}

/** strings.Trim(s, cutset). */
export function trimCutset(s: string, cutset: string): string {
  const set = new Set(Array.from(cutset));
  const chars = Array.from(s);
  let a = 0;
  let b = chars.length;
  while (a < b && set.has(chars[a])) a++;
  while (b > a && set.has(chars[b - 1])) b--;
  return chars.slice(a, b).join("");
}

/** strings.Title (deprecated in Go, still what sprig uses). */
function title(s: string): string {
  let prev = " ";
  let out = "";
  for (const c of s) {
    const sep = isSeparator(prev);
    out += sep ? toTitleRune(c) : c;
    prev = c;
  }
  return out;
}
function isSeparator(c: string): boolean {
  const r = c.codePointAt(0)!;
  if (r <= 0x7f) {
    if ((r >= 48 && r <= 57) || (r >= 97 && r <= 122) || (r >= 65 && r <= 90) || r === 95) return false;
    return true;
  }
  if (isLetter(c) || isDigit(c)) return false;
  return isSpace(c);
}
function toTitleRune(c: string): string {
  const special: Record<string, string> = { ǆ: "ǅ", ǅ: "ǅ", Ǆ: "ǅ", ǉ: "ǈ", Ǉ: "ǈ", ǈ: "ǈ", ǌ: "ǋ", Ǌ: "ǋ", ǋ: "ǋ", ǳ: "ǲ", Ǳ: "ǲ", ǲ: "ǲ" };
  if (special[c]) return special[c];
  const u = c.toUpperCase();
  return Array.from(u).length === 1 ? u : c;
}
function toLowerRune(c: string): string {
  const l = c.toLowerCase();
  return Array.from(l).length === 1 ? l : c;
}
function toUpperRune(c: string): string {
  const u = c.toUpperCase();
  return Array.from(u).length === 1 ? u : c;
}
/** strings.ToUpper / ToLower: per-rune mapping (no multi-char expansions, unlike JS). */
export function goUpper(s: string): string {
  if (/^[\x00-\x7f]*$/.test(s)) return s.toUpperCase();
  let out = "";
  for (const c of s) out += toUpperRune(c);
  return out;
}
export function goLower(s: string): string {
  if (/^[\x00-\x7f]*$/.test(s)) return s.toLowerCase();
  let out = "";
  for (const c of s) out += c === "İ" ? "i̇" : toLowerRune(c);
  return out;
}

function abbreviateFull(str: string, offset: number, maxWidth: number): string {
  if (str === "") return "";
  if (maxWidth < 4) fail("stringutils illegal argument: Minimum abbreviation width is 4");
  const len = blen(str);
  if (len <= maxWidth) return str;
  if (offset > len) offset = len;
  if (len - offset < maxWidth - 3) offset = len - (maxWidth - 3);
  if (offset <= 4) return bslice(str, 0, maxWidth - 3) + "...";
  if (maxWidth < 7) fail("stringutils illegal argument: Minimum abbreviation width with offset is 7");
  if (offset + maxWidth - 3 < len) return "..." + abbreviateFull(bslice(str, offset), 0, maxWidth - 3);
  return "..." + bslice(str, len - (maxWidth - 3));
}
function safeAbbrev(fn: () => string): string {
  try {
    return fn();
  } catch {
    return "";
  }
}

function wrapCustom(str: string, wrapLength: number, newLineStr: string, wrapLongWords: boolean): string {
  if (str === "") return "";
  if (newLineStr === "") newLineStr = "\n";
  if (wrapLength < 1) wrapLength = 1;
  const b = enc(str);
  const s = (a: number, e?: number) => dec(b.subarray(a, e));
  const inputLineLength = b.length;
  let offset = 0;
  let out = "";
  while (inputLineLength - offset > wrapLength) {
    if (b[offset] === 32) {
      offset++;
      continue;
    }
    const end = wrapLength + offset + 1;
    const spaceToWrapAt = b.subarray(offset, Math.min(end, b.length)).lastIndexOf(32) + offset;
    if (spaceToWrapAt >= offset) {
      out += s(offset, spaceToWrapAt) + newLineStr;
      offset = spaceToWrapAt + 1;
    } else if (wrapLongWords) {
      const e2 = wrapLength + offset;
      out += s(offset, e2) + newLineStr;
      offset += wrapLength;
    } else {
      const e2 = wrapLength + offset;
      const index = b.subarray(e2).indexOf(32);
      if (index === -1) {
        out += s(offset);
        offset = inputLineLength;
      } else {
        const at = index + e2;
        out += s(offset, at) + newLineStr;
        offset = at + 1;
      }
    }
  }
  return out + s(offset);
}

function initials(str: string): string {
  if (str === "") return str;
  let out = "";
  let lastWasGap = true;
  for (const byte of enc(str)) {
    const ch = String.fromCharCode(byte);
    if (isSpace(ch)) lastWasGap = true;
    else if (lastWasGap) {
      out += ch;
      lastWasGap = false;
    }
  }
  return Buffer.from(Array.from(out, (c) => c.charCodeAt(0))).toString("latin1") === out ? decodeLatinRunes(out) : out;
}
function decodeLatinRunes(s: string): string {
  // Go writes rune(byte) with WriteRune: bytes ≥ 0x80 become U+0080..U+00FF.
  return s;
}

function untitle(str: string): string {
  let next = true;
  let out = "";
  for (const c of str) {
    if (isSpace(c)) {
      next = true;
      out += c;
    } else if (next) {
      out += toLowerRune(c);
      next = false;
    } else out += c;
  }
  return out;
}

function swapCase(str: string): string {
  let ws = true;
  let out = "";
  for (const c of str) {
    if (isUpper(c) || isTitleCase(c)) {
      out += toLowerRune(c);
      ws = false;
    } else if (isLower(c)) {
      out += ws ? toTitleRune(c) : toUpperRune(c);
      ws = false;
    } else {
      ws = isSpace(c);
      out += c;
    }
  }
  return out;
}

function nospace(str: string): string {
  if (str === "") return str;
  // goutils iterates bytes and re-encodes each as a rune: multi-byte characters are mangled exactly like Go does.
  const b = enc(str);
  let count = 0;
  let out = "";
  for (const byte of b) {
    const ch = String.fromCharCode(byte);
    if (!isSpace(ch)) {
      out += ch;
      count++;
    }
  }
  return count === b.length ? str : out;
}

function splitGo(s: string, sep: string, n = -1): string[] {
  if (n === 0) return [];
  if (sep === "") {
    const chars = Array.from(s);
    if (n < 0 || n > chars.length) n = chars.length;
    const out = chars.slice(0, n - 1);
    out.push(chars.slice(n - 1).join(""));
    return n === 0 ? [] : out;
  }
  const parts = s.split(sep);
  if (n < 0 || parts.length <= n) return parts;
  return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}

function toMap(parts: string[]): GoMap {
  const m: GoMap = {};
  parts.forEach((v, i) => (m["_" + i] = v));
  return typed(m, "string");
}

function elemTypeOf(v: object): string {
  return elemType(v);
}

/** sprig strslice. */
export function strslice(v: GoValue): string[] {
  if (Array.isArray(v)) return v.filter((x) => x !== null && x !== undefined).map(strval);
  if (v === null || v === undefined) return [];
  return [strval(v)];
}

function b64decode(s: string): string {
  const r = goBase64Decode(s);
  return typeof r === "string" ? r : dec(r);
}

/** base64.StdEncoding.DecodeString with Go's error messages. */
export function goBase64Decode(s: string): Buffer | string {
  const clean = s.replace(/[\r\n]/g, "");
  const alphabet = /^[A-Za-z0-9+/]*$/;
  let i = 0;
  for (; i < clean.length; i++) {
    if (!/[A-Za-z0-9+/=]/.test(clean[i])) return `illegal base64 data at input byte ${i}`;
    if (clean[i] === "=") break;
  }
  const body = clean.slice(0, i);
  const pad = clean.slice(i);
  if (!alphabet.test(body)) return `illegal base64 data at input byte ${i}`;
  const rem = body.length % 4;
  if (rem === 1) return `illegal base64 data at input byte ${body.length}`;
  const need = rem === 0 ? 0 : 4 - rem;
  if (pad.length === 0 && need > 0) return `illegal base64 data at input byte ${body.length - rem}`;
  if (pad.length !== need || !/^=*$/.test(pad)) {
    const badAt = pad.length < need ? clean.length : i + need + (/^=*$/.test(pad) ? 0 : pad.search(/[^=]/));
    return `illegal base64 data at input byte ${Math.min(badAt, clean.length)}`;
  }
  return Buffer.from(body, "base64");
}

const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
function b32enc(s: string): string {
  const b = enc(s);
  let out = "";
  let bits = 0;
  let value = 0;
  for (const byte of b) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += "=";
  return out;
}
function b32dec(s: string): string {
  const clean = s.replace(/[\r\n]/g, "");
  if (clean.length % 8 !== 0) return `illegal base32 data at input byte ${Math.floor(clean.length / 8) * 8}`;
  const body = clean.replace(/=+$/, "");
  const padLen = clean.length - body.length;
  if (![0, 1, 3, 4, 6].includes(padLen)) return `illegal base32 data at input byte ${body.length}`;
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (let i = 0; i < body.length; i++) {
    const idx = B32.indexOf(body[i]);
    if (idx < 0) return `illegal base32 data at input byte ${i}`;
    value = ((value << 5) | idx) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return dec(Buffer.from(bytes));
}

export function stringFuncs(): FuncMap {
  const m: FuncMap = new Map();
  m.set("trim", f(["string"], trimSpace));
  m.set("upper", f(["string"], goUpper));
  m.set("lower", f(["string"], goLower));
  m.set("title", f(["string"], title));
  m.set("untitle", f(["string"], untitle));
  m.set("substr", f(["int", "int", "string"], (start: number, end: number, s: string) => {
    if (start < 0) return bslice(s, 0, end);
    if (end < 0 || end > blen(s)) return bslice(s, start);
    return bslice(s, start, end);
  }));
  m.set("repeat", f(["int", "string"], (count: number, s: string) => {
    if (count < 0) fail("strings: negative Repeat count");
    return s.repeat(count);
  }));
  const trimAll = f(["string", "string"], (a: string, b: string) => trimCutset(b, a));
  m.set("trimall", trimAll);
  m.set("trimAll", trimAll);
  m.set("trimSuffix", f(["string", "string"], (a: string, b: string) => (a !== "" && b.endsWith(a) ? b.slice(0, b.length - a.length) : b)));
  m.set("trimPrefix", f(["string", "string"], (a: string, b: string) => (a !== "" && b.startsWith(a) ? b.slice(a.length) : b)));
  m.set("nospace", f(["string"], nospace));
  m.set("initials", f(["string"], initials));
  m.set("swapcase", f(["string"], swapCase));
  m.set("wrap", f(["int", "string"], (l: number, s: string) => wrapCustom(s, l, "", false)));
  m.set("wrapWith", f(["int", "string", "string"], (l: number, sep: string, s: string) => wrapCustom(s, l, sep, true)));
  m.set("contains", f(["string", "string"], (sub: string, s: string) => s.includes(sub)));
  m.set("hasPrefix", f(["string", "string"], (sub: string, s: string) => s.startsWith(sub)));
  m.set("hasSuffix", f(["string", "string"], (sub: string, s: string) => s.endsWith(sub)));
  m.set("quote", f([], (...a: GoValue[]) => a.filter((x) => x !== null && x !== undefined).map((x) => goQuote(strval(x))).join(" "), "any"));
  m.set("squote", f([], (...a: GoValue[]) => a.filter((x) => x !== null && x !== undefined).map((x) => "'" + formatV(x) + "'").join(" "), "any"));
  m.set("cat", f([], (...a: GoValue[]) => {
    const v = a.filter((x) => x !== null && x !== undefined);
    return sprintf(v.map(() => "%v").join(" "), v);
  }, "any"));
  const indent = (spaces: number, v: string) => {
    const pad = " ".repeat(Math.max(spaces, 0));
    if (spaces < 0) fail("strings: negative Repeat count");
    return pad + v.split("\n").join("\n" + pad);
  };
  m.set("indent", f(["int", "string"], indent));
  m.set("nindent", f(["int", "string"], (n: number, v: string) => "\n" + indent(n, v)));
  m.set("replace", f(["string", "string", "string"], (o: string, n: string, src: string) => replaceAll(src, o, n)));
  m.set("plural", f(["string", "string", "int"], (one: string, many: string, c: number) => (c === 1 ? one : many)));
  m.set("toString", f(["any"], strval));
  m.set("trunc", f(["int", "string"], (c: number, s: string) => {
    const len = blen(s);
    if (c < 0 && len + c > 0) return bslice(s, len + c);
    if (c >= 0 && len > c) return bslice(s, 0, c);
    return s;
  }));
  m.set("abbrev", f(["int", "string"], (w: number, s: string) => (w < 4 ? s : safeAbbrev(() => abbreviateFull(s, 0, w)))));
  m.set("abbrevboth", f(["int", "int", "string"], (l: number, r: number, s: string) =>
    r < 4 || (l > 0 && r < 7) ? s : safeAbbrev(() => abbreviateFull(s, l, r)),
  ));
  m.set("join", f(["string", "any"], (sep: string, v: GoValue) => strslice(v).join(sep)));
  m.set("split", f(["string", "string"], (sep: string, s: string) => toMap(splitGo(s, sep))));
  m.set("splitn", f(["string", "int", "string"], (sep: string, n: number, s: string) => toMap(splitGo(s, sep, n))));
  m.set("splitList", f(["string", "string"], (sep: string, s: string) => typed(splitGo(s, sep), "string")));
  m.set("toStrings", f(["any"], (v: GoValue) => typed(Array.isArray(v) && elemTypeOf(v) === "string" ? v : strslice(v), "string")));
  m.set("b64enc", f(["string"], (s: string) => enc(s).toString("base64")));
  m.set("b64dec", f(["string"], b64decode));
  m.set("b32enc", f(["string"], b32enc));
  m.set("b32dec", f(["string"], b32dec));
  m.set("hello", f([], () => "Hello!"));
  return m;
}

/** strings.Replace(s, old, new, -1), including Go's behaviour for an empty `old`. */
export function replaceAll(s: string, old: string, nw: string): string {
  if (old === "") {
    const chars = Array.from(s);
    return nw + chars.map((c) => c + nw).join("");
  }
  return s.split(old).join(nw);
}
