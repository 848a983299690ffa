/**
 * sprig's random strings (strings.go: randAlphaNum, randAlpha, randAscii, randNumeric), which call
 * Masterminds/goutils v1.1.1 `CryptoRandom*` with crypto/rand and drop its error:
 * - `randAscii`: printable ASCII, code points 32..126;
 * - `randAlpha`: ASCII letters; `randNumeric`: ASCII digits (goutils draws from ' '..'z' and keeps
 *   `unicode.IsLetter` / `unicode.IsDigit` runes, which in that range are exactly these);
 * - `randAlphaNum`: letters and digits, each drawn independently (v1.1.1 does not force a digit into the result);
 * - a count of 0 or less yields "" (goutils' "less than 0" error is discarded by sprig).
 * Each character is drawn uniformly from its set, as goutils' rejection sampling over a range does.
 */
import * as crypto from "node:crypto";
import { f, FuncMap } from "../exec/types";

const DIGITS = "0123456789";
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const ASCII = String.fromCharCode(...Array.from({ length: 127 - 32 }, (_, i) => 32 + i));

function draw(count: number, chars: string): string {
  let out = "";
  for (let i = 0; i < count; i++) out += chars[crypto.randomInt(chars.length)];
  return out;
}

/** The four functions, each taking a Go `int` like sprig's. */
export function randomStringFuncs(): FuncMap {
  const m: FuncMap = new Map();
  m.set("randAlphaNum", f(["int"], (n: number) => draw(n, LETTERS + DIGITS)));
  m.set("randAlpha", f(["int"], (n: number) => draw(n, LETTERS)));
  m.set("randAscii", f(["int"], (n: number) => draw(n, ASCII)));
  m.set("randNumeric", f(["int"], (n: number) => draw(n, DIGITS)));
  return m;
}
