/** Go parameter types of template functions, as far as argument checking needs them. */
import type { GoValue } from "../value";

/**
 * - `any`: interface{}; `value`: reflect.Value (builtins; gets the raw value, even invalid);
 * - `string`, `int`, `int64`, `float64`, `bool`: those Go types;
 * - `map`: map[string]interface{}; `list`: []interface{}; `strings`: []string; `strmap`: map[string]string.
 */
export type ParamType = "any" | "value" | "string" | "int" | "int64" | "float64" | "bool" | "map" | "list" | "strings" | "strmap" | "time" | "uint32" | "certificate";

/** Runtime services a function may use (only the helmfile functions need them). */
export interface CallContext {
  /** Render another template text with the same options (helmfile's tpl). */
  renderText(text: string, data: GoValue): string;
  /** Execute a named template (include). */
  executeTemplate(name: string, data: GoValue): string;
}

/** A template function with its Go signature. */
export interface GoFunc {
  params: ParamType[];
  /** Element type of a trailing variadic parameter. */
  variadic?: ParamType;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  fn: (...args: any[]) => GoValue;
}

export type FuncMap = Map<string, GoFunc>;

export function goTypeString(t: ParamType): string {
  switch (t) {
    case "any":
      return "interface {}";
    case "value":
      return "reflect.Value";
    case "map":
      return "map[string]interface {}";
    case "list":
      return "[]interface {}";
    case "strings":
      return "[]string";
    case "strmap":
      return "map[string]string";
    case "time":
      return "time.Time";
    case "certificate":
      return "sprig.certificate";
    default:
      return t;
  }
}

/** Helper to declare a function. */
export function f(params: ParamType[], fn: GoFunc["fn"], variadic?: ParamType): GoFunc {
  return { params, fn, variadic };
}
