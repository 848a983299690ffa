/**
 * The vals backends pulumi-helmfile resolves in-process: those needing no cloud account — `echo`, `file`, `envsubst`
 * and `sops` (decrypted by the real sops, ./sops.ts). Every other backend (vault, awssecrets, gcpsecrets, …) is refused
 * naming the reference. Semantics of vals v0.46.1 pkg/providers/{echo,file,envsubst,sops}.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseDocument } from "yaml";
import { isPlainObject } from "../plainObject";
import { parseRef, RefError, valueAt } from "./refs";
import type { SopsFormat, SopsRequest } from "./sops";

/** What the backends read: the process environment, the directory relative paths resolve against, sops. */
export interface BackendContext {
  env: Record<string, string | undefined>;
  /** vals resolves relative `file`/`sops` paths against the process's working directory. */
  cwd: string;
  decrypt: (req: SopsRequest) => string;
}

/** The backends resolved here. */
export const SUPPORTED_BACKENDS = ["echo", "file", "envsubst", "sops"] as const;

function yamlMap(ref: string, text: string): Record<string, unknown> {
  const doc = parseDocument(text, { prettyErrors: false, logLevel: "error" });
  if (doc.errors.length) throw new RefError(ref, "the document it points to is not valid YAML");
  const v = doc.toJS({ maxAliasCount: -1 }) as unknown;
  if (v === null || v === undefined) return {};
  if (!isPlainObject(v)) throw new RefError(ref, "the document it points to is not a YAML map");
  return v;
}

function encode(ref: string, text: string | Buffer, how: string | undefined): string {
  switch (how ?? "raw") {
    case "raw":
      return text.toString();
    case "base64":
      return Buffer.from(text).toString("base64");
    default:
      throw new RefError(ref, `unsupported encode parameter "${how}"`);
  }
}

function readFile(ref: string, file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new RefError(ref, `cannot read "${file}": ${(e as NodeJS.ErrnoException).code ?? "error"}`);
  }
}

/** a8m/envsubst for `$VAR`, `${VAR}`, `${VAR-default}`, `${VAR:-default}`; an unset variable without a default fails. */
export function envsubst(ref: string, text: string, env: Record<string, string | undefined>): string {
  return text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))|\$\{[^}]*\}/g, (all, braced, op, def, bare) => {
    const name = (braced ?? bare) as string | undefined;
    if (name === undefined) throw new RefError(ref, `unsupported substitution "${all}"`);
    const v = env[name];
    if (op === "-" ? v !== undefined : op === ":-" ? v !== undefined && v !== "" : v !== undefined) return v as string;
    if (op) return def as string;
    throw new RefError(ref, `environment variable "${name}" is not set`);
  });
}

function sopsFormat(ref: string, f: string | undefined): SopsFormat | undefined {
  if (f === undefined || f === "") return undefined;
  if (f === "yaml" || f === "json" || f === "dotenv" || f === "ini" || f === "binary") return f;
  throw new RefError(ref, `unsupported sops format "${f}"`);
}

/** The sops backend: `path` is a file (default) or, with `key_type=base64`, the encrypted document itself. */
function sops(ref: string, p: string, params: Record<string, string>, asMap: boolean, ctx: BackendContext): string {
  const keyType = params.key_type ?? "filepath";
  const format = sopsFormat(ref, params.format) ?? (asMap ? "yaml" : undefined);
  if (keyType === "filepath") {
    const file = path.resolve(ctx.cwd, p);
    readFile(ref, file);
    return ctx.decrypt({ file, format, env: ctx.env });
  }
  if (keyType === "base64") {
    const content = Buffer.from(p, "base64url").toString("utf8");
    return ctx.decrypt({ file: `ref+${ref.split("?")[0].slice(0, 40)}…`, content, format: format ?? "binary", env: ctx.env });
  }
  throw new RefError(ref, `unsupported key type "${keyType}": it must be "base64" or "filepath"`);
}

/** The value of one reference (vals' Lookup for the supported backends). */
export function lookupRef(ref: string, ctx: BackendContext): unknown {
  const r = parseRef(ref);
  const asMap = r.keys !== undefined;
  let text: string;
  switch (r.scheme) {
    case "echo":
      if (!asMap) return r.path.replace(/\/+$/, "");
      {
        const parts = r.path.split("/");
        if (parts.length < 2) throw new RefError(ref, `key must have two or more components separated by "/": got "${r.path}"`);
        const doc: Record<string, unknown> = {};
        let cur = doc;
        for (let i = 0; i < parts.length - 1; i++) {
          if (i === parts.length - 2) cur[parts[i]] = parts[i + 1];
          else cur = (cur[parts[i]] = {}) as Record<string, unknown>;
        }
        return valueAt(ref, doc, r.keys!);
      }
    case "file": {
      const bytes = readFile(ref, path.resolve(ctx.cwd, r.path.replace(/\/$/, "")));
      if (!asMap) return encode(ref, bytes, r.params.encode);
      text = bytes.toString("utf8");
      break;
    }
    case "envsubst":
      text = envsubst(ref, r.path.replace(/\/$/, "").trim(), ctx.env);
      if (!asMap) return text;
      break;
    case "sops":
      text = sops(ref, r.path, r.params, asMap, ctx);
      if (!asMap) return encode(ref, text, r.params.encode);
      break;
    default:
      throw new RefError(
        ref,
        `the vals backend "${r.scheme}" is not supported: pulumi-helmfile resolves only ${SUPPORTED_BACKENDS.join(", ")} (backends that need no cloud account); resolve it in the program and pass the value as a Pulumi secret`,
      );
  }
  return valueAt(ref, yamlMap(ref, text), r.keys!);
}
