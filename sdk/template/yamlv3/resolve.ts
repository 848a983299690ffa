/** yaml.v3's resolver: which Go value (or tag) a plain scalar denotes. */
import { GoValue, mkFloat } from "../value";
import { parseIntBase0 } from "../funcs/conv";
import { parseTime, UTC } from "../time";

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

export type Resolved = { tag: "null" | "bool" | "int" | "float" | "str" | "merge" | "timestamp"; value: GoValue };

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

