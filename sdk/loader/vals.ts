/** vals references (`ref+vault://…`) are not supported: detect them and fail clearly. */
import { HelmfileLoadError } from "./errors";
import { isPlainObject } from "./plainObject";

function findRefPlus(v: unknown, p: string): string | undefined {
  if (typeof v === "string") return v.startsWith("ref+") ? p : undefined;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const r = findRefPlus(v[i], `${p}[${i}]`);
      if (r) return r;
    }
  } else if (isPlainObject(v)) {
    for (const [k, x] of Object.entries(v)) {
      const r = findRefPlus(x, p ? `${p}.${k}` : k);
      if (r) return r;
    }
  }
  return undefined;
}

/** Fails when a values tree contains a vals reference (`ref+…`), naming where. */
export function rejectVals(v: unknown, file: string, keyPath: string): void {
  const at = findRefPlus(v, "");
  if (at !== undefined) {
    throw new HelmfileLoadError(`vals references (ref+…) are not supported by this loader (found at "${at}")`, { file, keyPath });
  }
}
