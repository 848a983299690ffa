/** Go template truthiness (isTrue). Returns null when Go would say "not ok". */
import { GoFloat, GoObject, isMap } from "../value";

export function truth(v: unknown): boolean | null {
  if (v === undefined || v === null) return false;
  switch (typeof v) {
    case "string":
      return v.length > 0;
    case "boolean":
      return v;
    case "number":
      return v !== 0;
    case "bigint":
      return v !== 0n;
  }
  if (v instanceof GoFloat) return v.value !== 0;
  if (v instanceof GoObject) return true;
  if (Array.isArray(v)) return v.length > 0;
  if (isMap(v)) return Object.keys(v).length > 0;
  return null;
}
