/** env / expandenv (os.Getenv / os.ExpandEnv) over an injected environment. */
import { f, FuncMap } from "../exec/types";

function isShellSpecialVar(c: string): boolean {
  return "*#$@!?-0123456789".includes(c);
}
function isAlphaNum(c: string): boolean {
  return c === "_" || /[0-9A-Za-z]/.test(c);
}

function getShellName(s: string): [string, number] {
  if (s[0] === "{") {
    if (s.length > 2 && isShellSpecialVar(s[1]) && s[2] === "}") return [s.slice(1, 2), 3];
    for (let i = 1; i < s.length; i++) {
      if (s[i] === "}") {
        if (i === 1) return ["", 2];
        return [s.slice(1, i), i + 1];
      }
    }
    return ["", 1];
  }
  if (isShellSpecialVar(s[0])) return [s.slice(0, 1), 1];
  let i = 0;
  while (i < s.length && isAlphaNum(s[i])) i++;
  return [s.slice(0, i), i];
}

/** os.Expand. */
export function expand(s: string, mapping: (name: string) => string): string {
  let buf: string | null = null;
  let i = 0;
  for (let j = 0; j < s.length; j++) {
    if (s[j] === "$" && j + 1 < s.length) {
      if (buf === null) buf = "";
      buf += s.slice(i, j);
      const [name, w] = getShellName(s.slice(j + 1));
      if (name === "" && w > 0) {
        // invalid syntax: eat the characters
      } else if (name === "") buf += s[j];
      else buf += mapping(name);
      j += w;
      i = j + 1;
    }
  }
  if (buf === null) return s;
  return buf + s.slice(i);
}

export function envFuncs(env: Record<string, string | undefined>): FuncMap {
  const m: FuncMap = new Map();
  const get = (k: string) => env[k] ?? "";
  m.set("env", f(["string"], get));
  m.set("expandenv", f(["string"], (s: string) => expand(s, get)));
  return m;
}
