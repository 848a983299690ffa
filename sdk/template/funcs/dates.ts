/** sprig date functions (placeholder). */
import { FuncMap } from "../exec/types";
export function dateFuncs(): FuncMap {
  return new Map();
}
