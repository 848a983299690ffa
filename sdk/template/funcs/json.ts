/** encoding/json as sprig uses it: toJson (Marshal, HTML-escaped), toPrettyJson, toRawJson, fromJson. */
import { fail } from "../errors";
import { formatFloat } from "../format/float";
import { GoFloat, GoMap, GoObject, GoValue, isMap, mkFloat, sortedKeys } from "../value";

function jsonFloat(f: number): string {
  if (!Number.isFinite(f)) fail(`json: unsupported value: ${formatFloat(f, "g", -1)}`);
  const abs = Math.abs(f);
  let fmt = "f";
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) fmt = "e";
  let s = formatFloat(f, fmt, -1);
  if (fmt === "e") {
    // clean up e-09 to e-9
    s = s.replace(/e([+-])0(\d)$/, "e$1$2");
  }
  return s;
}

export function jsonString(s: string, escapeHTML: boolean): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (c < 0x20) {
      if (ch === "\n") out += "\\n";
      else if (ch === "\r") out += "\\r";
      else if (ch === "\t") out += "\\t";
      else if (c === 8) out += "\\b";
      else if (c === 12) out += "\\f";
      else out += "\\u00" + c.toString(16).padStart(2, "0");
    } else if (escapeHTML && (ch === "<" || ch === ">" || ch === "&")) out += "\\u00" + c.toString(16).padStart(2, "0");
    else if (c === 0x2028 || c === 0x2029) out += "\\u" + c.toString(16);
    else if (c >= 0xd800 && c <= 0xdfff) out += "\\ufffd";
    else out += ch;
  }
  return out + '"';
}

/** json.Marshal / MarshalIndent(v, "", indent). */
export function marshalJson(v: GoValue, escapeHTML: boolean, indent = "", level = 0): string {
  if (v === undefined || v === null) return "null";
  switch (typeof v) {
    case "string":
      return jsonString(v, escapeHTML);
    case "boolean":
      return v ? "true" : "false";
    case "bigint":
      return v.toString();
    case "number":
      return Number.isSafeInteger(v) ? String(v) : jsonFloat(v);
  }
  if (v instanceof GoFloat) return jsonFloat(v.value);
  if (v instanceof GoObject) return jsonString(v.marshalText() ?? v.goString(), escapeHTML);
  const nl = indent ? "\n" + indent.repeat(level + 1) : "";
  const close = indent ? "\n" + indent.repeat(level) : "";
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    return "[" + v.map((x) => nl + marshalJson(x, escapeHTML, indent, level + 1)).join(",") + close + "]";
  }
  const m = v as GoMap;
  const keys = sortedKeys(m);
  if (keys.length === 0) return "{}";
  const sep = indent ? ": " : ":";
  return "{" + keys.map((k) => nl + jsonString(k, escapeHTML) + sep + marshalJson(m[k], escapeHTML, indent, level + 1)).join(",") + close + "}";
}

/** json.Unmarshal into interface{}: numbers become float64. */
export function unmarshalJson(s: string): GoValue {
  let parsed: unknown;
  try {
    parsed = JSON.parse(s);
  } catch (e) {
    fail(jsonErrorMessage(s, e));
  }
  const conv = (x: unknown): GoValue => {
    if (x === null) return null;
    if (typeof x === "number") return mkFloat(x);
    if (typeof x === "string" || typeof x === "boolean") return x;
    if (Array.isArray(x)) return x.map(conv);
    const out: GoMap = {};
    for (const [k, val] of Object.entries(x as Record<string, unknown>)) out[k] = conv(val);
    return out;
  };
  return conv(parsed);
}

function jsonErrorMessage(s: string, e: unknown): string {
  if (s.trim() === "") return "unexpected end of JSON input";
  return `invalid JSON: ${(e as Error).message}`;
}

export { isMap };
