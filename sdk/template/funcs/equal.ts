/** reflect.DeepEqual and sprig's empty() over the value model. */
import { GoFloat, GoMap, GoObject, GoValue, isMap, kindOf, typeName } from "../value";

export function deepEqual(a: GoValue, b: GoValue): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  const ka = kindOf(a);
  if (ka !== kindOf(b)) return false;
  if ((ka === "slice" || ka === "map") && typeName(a) !== typeName(b)) return false;
  switch (ka) {
    case "nil":
      return true;
    case "object":
      return (a as GoObject).goType === (b as GoObject).goType && (a as GoObject).goString() === (b as GoObject).goString();
    case "float64":
      return (a instanceof GoFloat ? a.value : a) === (b instanceof GoFloat ? b.value : b);
    case "slice": {
      const x = a as GoValue[];
      const y = b as GoValue[];
      return x.length === y.length && x.every((v, i) => deepEqual(v, y[i]));
    }
    case "map": {
      const x = a as GoMap;
      const y = b as GoMap;
      const kx = Object.keys(x);
      if (kx.length !== Object.keys(y).length) return false;
      return kx.every((k) => Object.prototype.hasOwnProperty.call(y, k) && deepEqual(x[k], y[k]));
    }
    default:
      return a === b;
  }
}

/** sprig empty(). */
export function empty(v: GoValue): boolean {
  if (v === undefined || v === null) return true;
  switch (typeof v) {
    case "string":
      return v.length === 0;
    case "boolean":
      return !v;
    case "number":
      return v === 0;
    case "bigint":
      return v === 0n;
  }
  if (v instanceof GoFloat) return v.value === 0;
  if (Array.isArray(v)) return v.length === 0;
  if (isMap(v)) return Object.keys(v).length === 0;
  return false;
}

/** reflect Kind name as sprig's error messages print it. */
export function kindName(v: GoValue): string {
  const k = kindOf(v);
  if (k === "object") return (v as GoObject).goKind;
  return k === "nil" ? "invalid" : k;
}
