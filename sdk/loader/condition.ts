/** Release `condition:` evaluation (helmfile's ConditionEnabled). */
import { isPlainObject, type PlainMap } from "./plainObject";

/** helmfile's ConditionEnabled: `true`/`false`, or `path.to.enabled` looked up in the state values. */
export function conditionEnabled(condition: string, values: PlainMap): boolean {
  const lower = condition.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  const keys = condition.split(".");
  if (keys[keys.length - 1] !== "enabled") {
    throw new Error("Condition value must be in the form 'foo.enabled' where 'foo' can be modified as necessary");
  }
  let cur: PlainMap = values;
  let seen = "";
  for (const k of keys.slice(0, -1)) {
    seen += `.${k}`;
    if (!(k in cur)) throw new Error(`environment values field '${seen}' not found`);
    const v = cur[k];
    if (!isPlainObject(v)) throw new Error(`environment values field '${seen}' is not a map`);
    cur = v;
  }
  return cur.enabled === true;
}
