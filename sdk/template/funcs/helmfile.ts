/** helmfile's template functions (pkg/tmpl/context_funcs.go, get_or_nil.go, context_tmpl.go in helmfile v1.8). */
import * as fs from "node:fs";
import { fail } from "../errors";
import { CallContext, f, FuncMap } from "../exec/types";
import { formatV } from "../format/printf";
import { elemType, GoMap, GoValue, isMap, typed, typeName } from "../value";
import { decodeYamlStrict, encodeYaml } from "../yaml";
import { join } from "./paths";

/** Runtime inputs of the helmfile functions. */
export interface HelmfileEnv {
  env: Record<string, string | undefined>;
  baseDir: string;
  disableInsecureFeatures: boolean;
  exec: (command: string, args: string[], opts: { cwd: string; env: Record<string, string | undefined>; stdin?: string }) => string;
  /** vals references for fetchSecretValue/expandSecretRefs; unset: both functions fail. */
  secretRefs?: SecretRefs;
}

/** What resolves vals references (`ref+…`) for the template functions; the loader provides it. */
export interface SecretRefs {
  /** vals' Eval over a tree: every string holding a reference expanded (a whole-string reference keeps its type). */
  expand(tree: unknown): unknown;
}

const DISABLED = "HELMFILE_DISABLE_INSECURE_FEATURES or HELMFILE_DISABLE_INSECURE_TEMPLATE_FUNCTIONS is active, insecure function calls are disabled";

class NoValueError extends Error {}

/** helmfile's `get PATH [DEFAULT] OBJ`. */
export function helmfileGet(path: string, ...varArgs: GoValue[]): GoValue {
  let defSet = false;
  let def: GoValue = null;
  let obj: GoValue;
  switch (varArgs.length) {
    case 1:
      obj = varArgs[0];
      break;
    case 2:
      defSet = true;
      def = varArgs[0];
      obj = varArgs[1];
      break;
    default:
      fail(
        `unexpected number of args passed to the template function get(path, [def, ]obj): expected 1 or 2, got ${varArgs.length}, args was ${formatV(varArgs)}`,
      );
  }
  if (path === "") return obj ?? null;
  const keys = path.split(".");
  if (!isMap(obj)) {
    throw new NoValueError(`unexpected type(${obj === null || obj === undefined ? "<nil>" : typeName(obj)}) of value for key "${keys[0]}": it must be either map[string]any or any struct`);
  }
  if (!Object.prototype.hasOwnProperty.call(obj, keys[0])) {
    if (defSet) return def ?? null;
    throw new NoValueError(`no value exist for key "${keys[0]}" in ${formatV(obj)}`);
  }
  const v = obj[keys[0]] ?? null;
  if (elemType(obj) === "string") return v; // map[string]string: helmfile returns the value, ignoring the rest of the path
  const rest = keys.slice(1).join(".");
  return defSet ? helmfileGet(rest, def, v) : helmfileGet(rest, v);
}

const NIL_MAP: GoMap = Object.freeze({}) as GoMap;

function resolvePath(baseDir: string, p: string): string {
  return p.startsWith("/") ? p : join(baseDir, p);
}

function setValueAtPath(path: string, value: GoValue, values: GoMap | null): GoValue {
  // `values` is a typed map parameter: nil reads as empty and panics on assignment, like Go.
  let current: GoValue = values ?? NIL_MAP;
  const components = path.split(".");
  const key = components[components.length - 1];
  for (const k of components.slice(0, -1)) {
    if (!isMap(current)) fail(`failed to set value at path "${path}": value for key "${k}" was not a map`);
    if (!Object.prototype.hasOwnProperty.call(current, k)) fail(`failed to set value at path "${path}": value for key "${k}" does not exist`);
    const elem: GoValue = current[k];
    if (!isMap(elem)) fail(`failed to set value at path "${path}": value for key "${k}" was not a map`);
    current = elem;
  }
  if (!isMap(current)) fail(`failed to set value at path "${path}": value for key "${key}" was not a map`);
  if (current === NIL_MAP) fail("assignment to entry in nil map");
  current[key] = value ?? null;
  return values;
}

function fsError(e: unknown, op: string, p: string): never {
  const err = e as NodeJS.ErrnoException;
  const reason =
    err.code === "ENOENT" ? "no such file or directory" : err.code === "EACCES" ? "permission denied" : err.code === "EISDIR" ? "is a directory" : err.message;
  fail(`${op} ${p}: ${reason}`);
}

export function helmfileFuncs(ctx: CallContext, h: HelmfileEnv): FuncMap {
  const m: FuncMap = new Map();
  const envExec = (envs: GoMap | null, command: string, args: GoValue[] | null, ...inputs: string[]) => {
    if (h.disableInsecureFeatures) fail(DISABLED);
    const strArgs = (args ?? []).map((a, i) => {
      if (typeof a !== "string") fail(`unexpected type of arg "${a === null ? "<nil>" : typeName(a)}" in args ${formatV(args)} at index ${i}`);
      return a;
    });
    let env = h.env;
    if (envs !== null) {
      env = { ...h.env };
      for (const [k, v] of Object.entries(envs)) {
        if (typeof v !== "string") fail(`unexpected type of env "${v === null ? "<nil>" : typeName(v)}" in envs ${formatV(envs)} at index ${k}`);
        env[k] = v;
      }
    }
    const stdin = inputs.length > 0 && inputs[0].length > 0 ? inputs[0] : undefined;
    return h.exec(command, strArgs, { cwd: h.baseDir, env, stdin });
  };
  m.set("envExec", f(["map", "string", "list"], envExec, "string"));
  m.set("exec", f(["string", "list"], (c: string, a: GoValue[] | null, ...i: string[]) => envExec(null, c, a, ...i), "string"));
  const stat = (p: string) => {
    try {
      return fs.statSync(resolvePath(h.baseDir, p));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT" || (e as NodeJS.ErrnoException).code === "ENOTDIR") return null;
      fsError(e, "stat", resolvePath(h.baseDir, p));
    }
  };
  m.set("isFile", f(["string"], (p: string) => {
    const s = stat(p);
    return s !== null && !s.isDirectory();
  }));
  m.set("isDir", f(["string"], (p: string) => {
    const s = stat(p);
    return s !== null && s.isDirectory();
  }));
  m.set("readFile", f(["string"], (p: string) => {
    if (h.disableInsecureFeatures) fail(DISABLED);
    const abs = resolvePath(h.baseDir, p);
    try {
      return fs.readFileSync(abs, "utf8");
    } catch (e) {
      fsError(e, "open", abs);
    }
  }));
  const readDir = (p: string, op: string) => {
    const abs = resolvePath(h.baseDir, p);
    try {
      return fs.readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      fail(`${op} ${JSON.stringify(abs)}: open ${abs}: ${err.code === "ENOENT" ? "no such file or directory" : err.code === "ENOTDIR" ? "not a directory" : err.message}`);
    }
  };
  m.set("readDir", f(["string"], (p: string) => {
    if (h.disableInsecureFeatures) fail(DISABLED);
    const entries = readDir(p, "ReadDir").filter((e) => !e.isDirectory());
    return typed(entries.map((e) => join(p, e.name)), "string");
  }));
  m.set("readDirEntries", f(["string"], (p: string) => {
    if (h.disableInsecureFeatures) fail(DISABLED);
    // fs.DirEntry values: exposed as maps with Name/IsDir (Go methods) so that `.Name` and `.IsDir` work.
    return readDir(p, "ReadDirEntries").map((e) => ({ Name: e.name, IsDir: e.isDirectory() }));
  }));
  m.set("toYaml", f(["any"], (v: GoValue) => encodeYaml(v)));
  m.set("fromYaml", f(["string"], (s: string) => {
    try {
      return decodeYamlStrict(s);
    } catch (e) {
      fail(`${(e as Error).message}, offending yaml: ${s}`);
    }
  }));
  m.set("setValueAtPath", f(["string", "any", "map"], setValueAtPath));
  m.set("requiredEnv", f(["string"], (name: string) => {
    const v = h.env[name];
    if (v !== undefined && v.length > 0) return v;
    fail(`required env var \`${name}\` is not set`);
  }));
  m.set("get", f(["string"], helmfileGet, "any"));
  m.set("getOrNil", f(["string", "any"], (p: string, o: GoValue) => {
    try {
      return helmfileGet(p, o);
    } catch (e) {
      if (e instanceof NoValueError) return null;
      throw e;
    }
  }));
  m.set("tpl", f(["string", "any"], (text: string, data: GoValue) => ctx.renderText(text, data)));
  m.set("required", f(["string", "any"], (warn: string, v: GoValue) => {
    if (v === null || v === undefined || v === "") fail(warn);
    return v;
  }));
  m.set("include", f(["string", "any"], (name: string, data: GoValue) => ctx.executeTemplate(name, data)));
  // pkg/tmpl/expand_secret_ref.go: both are vals' Eval; fetchSecretValue evaluates {key: ref} and wants a string back.
  const refs = (name: string): SecretRefs => h.secretRefs ?? fail(`${name} (vals secret references) needs the helmfile loader, which resolves them`);
  m.set("fetchSecretValue", f(["string"], (ref: string) => {
    const v = (refs("fetchSecretValue").expand({ key: ref }) as { key: unknown }).key;
    // helmfile prints the value here; it is a secret, so only its type is named.
    if (typeof v !== "string") fail(`fetchSecretValue ${JSON.stringify(ref)}: expected a string, the reference resolved to a ${typeName(v)}`);
    return v;
  }));
  m.set("expandSecretRefs", f(["any"], (v: GoValue) => {
    if (!isMap(v)) fail(`wrong type for value; expected map[string]interface {}; got ${typeName(v)}`);
    return refs("expandSecretRefs").expand(v) as GoValue;
  }));
  return m;
}
