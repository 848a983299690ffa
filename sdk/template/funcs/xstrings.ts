/** huandu/xstrings v1.5 case conversions as sprig exposes them: snakecase, kebabcase, camelcase (PascalCase), shuffle. */
import * as crypto from "node:crypto";
import { f, FuncMap } from "../exec/types";

const isSpace = (c: string) => /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/.test(c);
const isUpper = (c: string) => /^\p{Lu}$/u.test(c);
const isLetter = (c: string) => /^\p{L}$/u.test(c);
const isPunct = (c: string) => /^\p{P}$/u.test(c);
const isNumber = (c: string) => /^\p{N}$/u.test(c);
const isConnector = (c: string) => c === "-" || c === "_" || isSpace(c);
function isAlphabet(c: string): boolean {
  if (!isLetter(c)) return false;
  const r = c.codePointAt(0)!;
  if (r < 0x3400) return true;
  if (r >= 0x4e00 && r <= 0x9fcc) return false;
  if (r >= 0x3400 && r <= 0x4d85) return false;
  if (r >= 0x20000 && r <= 0x2b81d) return false;
  return true;
}
/** unicode.ToUpper / ToLower per rune (simple case mapping). */
const toUpperRune = (c: string) => {
  const u = c.toUpperCase();
  return Array.from(u).length === 1 ? u : c;
};
const toLowerRune = (c: string) => {
  const l = c.toLowerCase();
  return Array.from(l).length === 1 ? l : c;
};

enum W {
  Invalid,
  Number,
  Upper,
  Alphabet,
  Connector,
  Punct,
  Other,
}

/** nextWord over an array of runes starting at `start`; returns [type, wordEnd]. */
function nextWord(r: string[], start: number): [W, number] {
  const n = r.length;
  if (start >= n) return [W.Invalid, start];
  let i = start;
  const c = r[i];
  i++;
  if (isConnector(c)) {
    while (i < n && isConnector(r[i])) i++;
    return [W.Connector, i];
  }
  if (isPunct(c)) {
    while (i < n && isPunct(r[i])) i++;
    return [W.Punct, i];
  }
  if (isUpper(c)) {
    if (i >= n) return [W.Upper, i];
    if (isUpper(r[i])) {
      i++;
      while (i < n && isUpper(r[i])) i++;
      if (i < n && isAlphabet(r[i])) i--;
      return [W.Upper, i];
    }
    if (isAlphabet(r[i])) {
      i++;
      while (i < n && isAlphabet(r[i]) && !isUpper(r[i])) i++;
    }
    return [W.Upper, i];
  }
  if (isAlphabet(c)) {
    while (i < n && isAlphabet(r[i]) && !isUpper(r[i])) i++;
    return [W.Alphabet, i];
  }
  if (isNumber(c)) {
    while (i < n && isNumber(r[i])) i++;
    return [W.Number, i];
  }
  while (i < n && !(isConnector(r[i]) || isAlphabet(r[i]) || isNumber(r[i]) || isPunct(r[i]))) i++;
  return [W.Other, i];
}

function lowerWord(wt: W, word: string[], connector: string): string {
  if (wt !== W.Upper && wt !== W.Connector) return word.join("");
  return word.map((c) => (isConnector(c) ? connector : isUpper(c) ? toLowerRune(c) : c)).join("");
}

function camelCaseToLowerCase(str: string, connector: string): string {
  if (str.length === 0) return "";
  const r = Array.from(str);
  let out = "";
  let pos = 0;
  const take = (): [W, string[]] => {
    const [wt, end] = nextWord(r, pos);
    const word = r.slice(pos, end);
    pos = end;
    return [wt, word];
  };
  let [wt, word] = take();
  while (pos < r.length) {
    if (wt !== W.Connector) out += lowerWord(wt, word, connector);
    const prev = wt;
    const last = word;
    [wt, word] = take();
    switch (prev) {
      case W.Number:
        while (wt === W.Alphabet || wt === W.Number) {
          out += lowerWord(wt, word, connector);
          [wt, word] = take();
        }
        if (wt !== W.Invalid && wt !== W.Punct && wt !== W.Connector) out += connector;
        break;
      case W.Connector:
        out += lowerWord(prev, last, connector);
        break;
      case W.Punct:
        break;
      default: {
        if (wt !== W.Number) {
          if (wt !== W.Connector && wt !== W.Punct) out += connector;
          break;
        }
        if (pos >= r.length) break;
        const last2 = word;
        [wt, word] = take();
        if (wt !== W.Alphabet) {
          out += lowerWord(W.Number, last2, connector);
          if (wt !== W.Connector && wt !== W.Punct) out += connector;
          break;
        }
        out += connector;
        out += lowerWord(W.Number, last2, connector);
        while (wt === W.Alphabet || wt === W.Number) {
          out += lowerWord(wt, word, connector);
          [wt, word] = take();
        }
        if (wt !== W.Invalid && wt !== W.Connector && wt !== W.Punct) out += connector;
      }
    }
  }
  out += lowerWord(wt, word, connector);
  return out;
}

function toPascalCase(str: string): string {
  if (str.length === 0) return "";
  const r = Array.from(str);
  let out = "";
  let i = 0;
  let r0 = "";
  let isFirstRuneUpper = false;
  while (i < r.length) {
    r0 = r[i++];
    if (!isConnector(r0)) {
      isFirstRuneUpper = isUpper(r0);
      r0 = toUpperRune(r0);
      break;
    }
    out += r0;
  }
  if (i >= r.length) {
    out += r0; // Go writes the last rune read, even when it was a connector already written
    return out;
  }
  let r1: string;
  while (i < r.length) {
    r1 = r0;
    r0 = r[i++];
    if (isConnector(r0) && isConnector(r1)) {
      out += r1;
      continue;
    }
    if (isConnector(r1)) {
      isFirstRuneUpper = isUpper(r0);
      r0 = toUpperRune(r0);
    } else {
      if (isFirstRuneUpper) {
        if (isUpper(r0)) r0 = toLowerRune(r0);
        else isFirstRuneUpper = false;
      }
      out += r1;
    }
  }
  return out + r0;
}

function shuffle(str: string): string {
  if (str === "") return str;
  const r = Array.from(str);
  for (let i = r.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [r[i], r[j]] = [r[j], r[i]];
  }
  return r.join("");
}

export function xstringsFuncs(): FuncMap {
  const m: FuncMap = new Map();
  m.set("snakecase", f(["string"], (s: string) => camelCaseToLowerCase(s, "_")));
  m.set("kebabcase", f(["string"], (s: string) => camelCaseToLowerCase(s, "-")));
  m.set("camelcase", f(["string"], toPascalCase));
  m.set("shuffle", f(["string"], shuffle));
  return m;
}
