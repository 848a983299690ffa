/** sprig semver functions (placeholder, filled in below). */
import { FuncMap } from "../exec/types";
export function semverFuncs(): FuncMap {
  return new Map();
}
