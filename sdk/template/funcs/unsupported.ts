/** sprig functions this engine refuses rather than approximating: they fail with an error naming the function. */
import { fail } from "../errors";
import { f, FuncMap, ParamType } from "../exec/types";

const REJECTED: Record<string, [ParamType[], ParamType | undefined, string]> = {
  getHostByName: [["string"], undefined, "DNS lookups are not performed by the template engine"],
};

export function unsupportedFuncs(): FuncMap {
  const m: FuncMap = new Map();
  for (const [name, [params, variadic, why]] of Object.entries(REJECTED)) {
    m.set(name, f(params, () => fail(`${name} is not supported by the TypeScript template engine: ${why}`), variadic));
  }
  return m;
}
