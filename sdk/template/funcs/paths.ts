/** Go's path and path/filepath (Unix) functions as sprig exposes them: base, dir, clean, ext, isAbs, os*. */
import { f, FuncMap } from "../exec/types";

/** path.Clean. */
export function clean(p: string): string {
  if (p === "") return ".";
  const rooted = p[0] === "/";
  const parts = p.split("/");
  const out: string[] = [];
  for (const part of parts) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!rooted) out.push("..");
    } else out.push(part);
  }
  const s = (rooted ? "/" : "") + out.join("/");
  return s === "" ? "." : s;
}

export function base(p: string): string {
  if (p === "") return ".";
  p = p.replace(/\/+$/, "");
  if (p === "") return "/";
  const i = p.lastIndexOf("/");
  return i >= 0 ? p.slice(i + 1) : p;
}

export function dir(p: string): string {
  const i = p.lastIndexOf("/");
  return clean(p.slice(0, i + 1));
}

export function ext(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== "/"; i--) if (p[i] === ".") return p.slice(i);
  return "";
}

/** filepath.Join (Unix). */
export function join(...elems: string[]): string {
  const nonEmpty = elems.filter((e) => e !== "");
  if (nonEmpty.length === 0) return "";
  return clean(nonEmpty.join("/"));
}

export function pathFuncs(): FuncMap {
  const m: FuncMap = new Map();
  for (const [a, b] of [
    ["base", "osBase"],
    ["dir", "osDir"],
    ["clean", "osClean"],
    ["ext", "osExt"],
    ["isAbs", "osIsAbs"],
  ]) {
    const fn = { base, dir, clean, ext, isAbs: (p: string) => p.startsWith("/") }[a]!;
    m.set(a, f(["string"], fn));
    m.set(b, f(["string"], fn));
  }
  return m;
}
