/** strconv.Quote / strconv.Unquote / strconv.QuoteRune. */

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** unicode.IsPrint (approximation via Unicode general categories; U+0020 is printable, other spaces are not). */
export function isPrint(r: number): boolean {
  if (r === 0x20) return true;
  if (r < 0x20 || r === 0x7f) return false;
  if (r < 0x7f) return true;
  if (r >= 0xd800 && r <= 0xdfff) return false;
  return PRINTABLE.test(String.fromCodePoint(r));
}

function escapeRune(r: number, quote: number, asciiOnly: boolean): string {
  if (r === quote || r === 92) return "\\" + String.fromCodePoint(r);
  if (asciiOnly ? r < 0x80 && isPrint(r) : isPrint(r)) return String.fromCodePoint(r);
  switch (r) {
    case 7:
      return "\\a";
    case 8:
      return "\\b";
    case 12:
      return "\\f";
    case 10:
      return "\\n";
    case 13:
      return "\\r";
    case 9:
      return "\\t";
    case 11:
      return "\\v";
  }
  if (r < 0x20 || r === 0x7f) return "\\x" + r.toString(16).padStart(2, "0");
  if (r >= 0xd800 && r <= 0xdfff) return "\\ufffd";
  if (r < 0x10000) return "\\u" + r.toString(16).padStart(4, "0");
  return "\\U" + r.toString(16).padStart(8, "0");
}

/** strconv.Quote. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) out += escapeRune(ch.codePointAt(0)!, 34, false);
  return out + '"';
}

/** strconv.QuoteToASCII (%+q). */
export function goQuoteASCII(s: string): string {
  let out = '"';
  for (const ch of s) out += escapeRune(ch.codePointAt(0)!, 34, true);
  return out + '"';
}

/** strconv.QuoteRune. */
export function goQuoteRune(r: number): string {
  if (r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff) || r < 0) r = 0xfffd;
  return "'" + escapeRune(r, 39, false) + "'";
}

/** Error from strconv.Unquote. */
export class SyntaxError extends Error {
  constructor() {
    super("invalid syntax");
  }
}

/** strconv.UnquoteChar: decodes one (possibly escaped) character at s[i]; returns [codePoint, nextIndex]. */
export function unquoteChar(s: string, i: number, quote: string): [number, number] {
  const c = s.codePointAt(i)!;
  if (s[i] === quote && (quote === "'" || quote === '"')) throw new SyntaxError();
  if (c !== 92) return [c, i + (c > 0xffff ? 2 : 1)];
  if (i + 1 >= s.length) throw new SyntaxError();
  const e = s[i + 1];
  i += 2;
  const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, "\\": 92 };
  if (e in simple) return [simple[e], i];
  if (e === "'" || e === '"') {
    if (e !== quote) throw new SyntaxError();
    return [e.charCodeAt(0), i];
  }
  if (e === "x" || e === "u" || e === "U") {
    const n = e === "x" ? 2 : e === "u" ? 4 : 8;
    const hex = s.slice(i, i + n);
    if (hex.length < n || !/^[0-9a-fA-F]+$/.test(hex)) throw new SyntaxError();
    const v = parseInt(hex, 16);
    if (e !== "x" && (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))) throw new SyntaxError();
    return [v, i + n];
  }
  if (e >= "0" && e <= "7") {
    const oct = s.slice(i - 1, i + 2);
    if (!/^[0-7]{3}$/.test(oct)) throw new SyntaxError();
    const v = parseInt(oct, 8);
    if (v > 255) throw new SyntaxError();
    return [v, i + 2];
  }
  throw new SyntaxError();
}

/**
 * strconv.Unquote for "..." / `...` literals. \x escapes denote bytes; they are decoded as Latin-1 code points
 * when they do not form valid UTF-8 together (only matters for exotic input).
 */
export function goUnquote(s: string): string {
  if (s.length < 2) throw new SyntaxError();
  // fast path: a double-quoted literal without escapes or newlines
  if (s[0] === '"' && s[s.length - 1] === '"' && s.indexOf("\\") < 0 && s.indexOf("\n") < 0 && s.indexOf('"', 1) === s.length - 1) {
    return s.slice(1, -1);
  }
  const q = s[0];
  if (q !== s[s.length - 1]) throw new SyntaxError();
  const body = s.slice(1, -1);
  if (q === "`") {
    if (body.includes("`")) throw new SyntaxError();
    return body.replace(/\r/g, "");
  }
  if (q !== '"' && q !== "'") throw new SyntaxError();
  if (body.includes("\n")) throw new SyntaxError();
  const bytes: number[] = [];
  let i = 0;
  let count = 0;
  while (i < body.length) {
    const isByteEsc = body[i] === "\\" && (body[i + 1] === "x" || (body[i + 1] >= "0" && body[i + 1] <= "7"));
    const [r, next] = unquoteChar(body, i, q);
    i = next;
    count++;
    if (isByteEsc) bytes.push(r);
    else for (const b of Buffer.from(String.fromCodePoint(r), "utf8")) bytes.push(b);
  }
  if (q === "'" && count !== 1) throw new SyntaxError();
  return Buffer.from(bytes).toString("utf8");
}
