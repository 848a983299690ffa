/**
 * The Go value model used by the template engine.
 *
 * | Go type                    | JS representation                                         |
 * |----------------------------|-----------------------------------------------------------|
 * | invalid reflect.Value      | `undefined` (prints `<no value>`)                          |
 * | nil interface              | `null` (prints `<nil>`)                                    |
 * | string / bool              | `string` / `boolean`                                       |
 * | int                        | an integral JS `number` within ±(2^53−1) (`Number.isSafeInteger`) |
 * | int64 (sprig math results) | `bigint` (wraps like Go's int64)                           |
 * | float64                    | a non-integral JS `number`, or a {@link GoFloat} for integral floats (`1.0`) |
 * | []interface{}              | JS array                                                   |
 * | map[string]interface{}     | plain JS object                                            |
 */

/** A float64 whose value happens to be integral (YAML `1.0`, `divf 4 2`): kept apart from Go ints. */
export class GoFloat {
  constructor(readonly value: number) {}
  /** JSON encodes as the number. */
  toJSON(): number {
    return this.value;
  }
  valueOf(): number {
    return this.value;
  }
  toString(): string {
    return String(this.value);
  }
}

/**
 * A Go value of a named type with methods (e.g. *semver.Version, time.Time) as sprig functions return them.
 * Templates can call its methods (`(semver "1.2.3").Major`); it prints with its String() method.
 */
export abstract class GoObject {
  /** reflect type name, e.g. "*semver.Version". */
  abstract readonly goType: string;
  /** reflect kind name, e.g. "ptr" or "struct". */
  abstract readonly goKind: string;
  /** fmt's %v (String() method). */
  abstract goString(): string;
  /** Methods callable from templates: name → implementation (params are Go-typed like template functions). */
  abstract goMethods(): Record<string, { params: string[]; variadic?: string; fn: (...args: never[]) => GoValue }>;
  /** encoding.TextMarshaler / json.Marshaler form, when the type has one (used by toJson/toYaml). */
  marshalText(): string | undefined {
    return undefined;
  }
  toJSON(): unknown {
    return this.marshalText() ?? this.goString();
  }
}

/** A value the engine can work with. */
export type GoValue = undefined | null | string | boolean | number | bigint | GoFloat | GoObject | GoValue[] | GoMap;
/** map[string]interface{}. */
export interface GoMap {
  [key: string]: GoValue;
}

/** Makes a float64: integral values are wrapped in GoFloat so that they stay floats. */
export function mkFloat(n: number): number | GoFloat {
  return Number.isSafeInteger(n) ? new GoFloat(n) : n;
}

export function isFloat(v: unknown): v is number | GoFloat {
  return v instanceof GoFloat || (typeof v === "number" && !Number.isSafeInteger(v));
}
export function isInt(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v);
}
export function floatValue(v: number | GoFloat): number {
  return v instanceof GoFloat ? v.value : v;
}
export function isMap(v: unknown): v is GoMap {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof GoFloat) && !(v instanceof GoObject);
}

export type Kind = "invalid" | "nil" | "string" | "bool" | "int" | "int64" | "float64" | "slice" | "map" | "object";

export function kindOf(v: unknown): Kind {
  if (v === undefined) return "invalid";
  if (v === null) return "nil";
  switch (typeof v) {
    case "string":
      return "string";
    case "boolean":
      return "bool";
    case "bigint":
      return "int64";
    case "number":
      return Number.isSafeInteger(v) ? "int" : "float64";
  }
  if (v instanceof GoFloat) return "float64";
  if (v instanceof GoObject) return "object";
  if (Array.isArray(v)) return "slice";
  return "map";
}

const ELEM = Symbol("goElemType");

/**
 * Marks a JS array as a Go slice with a concrete element type (`[]string`, `[]int`, `[][]interface {}`) or an
 * object as `map[string]string`, for functions that return such types (splitList, until, split, …). Untagged arrays
 * are []interface{}, untagged objects map[string]interface{}.
 */
export function typed<T extends object>(v: T, elem: string): T {
  Object.defineProperty(v, ELEM, { value: elem, enumerable: false });
  return v;
}

/** The element type of a tagged slice/map, or "interface {}". */
export function elemType(v: object): string {
  return (v as { [ELEM]?: string })[ELEM] ?? "interface {}";
}

/** Go's reflect type name (`%T`, typeOf). */
export function typeName(v: unknown): string {
  switch (kindOf(v)) {
    case "invalid":
    case "nil":
      return "<nil>";
    case "slice":
      return "[]" + elemType(v as object);
    case "map":
      return "map[string]" + elemType(v as object);
    case "object":
      return (v as GoObject).goType;
    default:
      return kindOf(v);
  }
}

/** Converts engine values back to plain JSON-like JS (GoFloat → number, bigint → number, undefined → null). */
export function toPlain(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof GoFloat) return value.value;
  if (value instanceof GoObject) return value.toJSON();
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toPlain(v);
    return out;
  }
  return value;
}

/** Sorted keys of a map (Go sorts string keys bytewise; UTF-16 order equals it outside astral planes). */
export function sortedKeys(m: GoMap): string[] {
  return Object.keys(m).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Go int64 wrap-around. */
export function toInt64(n: bigint): bigint {
  return BigInt.asIntN(64, n);
}
