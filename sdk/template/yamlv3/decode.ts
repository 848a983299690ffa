/** Decoding YAML into Go values the way yaml.v3 does into interface{} (first document only). */
import { Alias, Document, isAlias, isMap as isYamlMap, isPair, isScalar, isSeq, Node as YNode, parseAllDocuments, Scalar } from "yaml";
import { formatV } from "../format/printf";
import { GoFloat, GoMap, GoValue } from "../value";
import { resolvePlain } from "./resolve";

/** A YAML decoding error (message shaped like yaml.v3's "yaml: line N: ..."). */
export class YamlError extends Error {
  override readonly name = "YamlError";
}

interface DecodeOpts {
  strictKeys: boolean;
}

function keyString(k: GoValue, strict: boolean, m: Map<GoValue, GoValue>): string {
  if (typeof k === "string") return k;
  if (strict) {
    const t = k === null ? "<nil>" : typeof k === "boolean" ? "bool" : typeof k === "number" && Number.isSafeInteger(k) ? "int" : "float64";
    const shown = [...m.entries()].map(([a, b]) => `${formatV(a)}:${formatV(b)}`).join(" ");
    throw new YamlError(`unexpected type of key in map: expected string, got ${t}: value=${formatV(k)}, map=map[${shown}]`);
  }
  return formatV(k);
}

function decodeNode(node: YNode | null | undefined, doc: Document, opts: DecodeOpts, depth = 0): GoValue {
  if (depth > 10000) throw new YamlError("yaml: exceeded max depth of 10000");
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return decodeNode((node as Alias).resolve(doc) as YNode | undefined, doc, opts, depth + 1);
  if (isScalar(node)) return decodeScalar(node);
  if (isSeq(node)) return node.items.map((it) => decodeNode(it as YNode, doc, opts, depth + 1));
  if (isYamlMap(node)) {
    const entries = new Map<GoValue, GoValue>();
    const explicit = new Set<GoValue>();
    const merges: YNode[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const kn = pair.key as YNode | null;
      if (isScalar(kn) && kn.type === "PLAIN" && !kn.tag && kn.source === "<<") {
        merges.push(pair.value as YNode);
        continue;
      }
      const k = decodeNode(kn, doc, opts, depth + 1);
      explicit.add(k);
      entries.set(k, decodeNode(pair.value as YNode, doc, opts, depth + 1));
    }
    for (const mn of merges) {
      const srcs: YNode[] = [];
      const target = isAlias(mn) ? ((mn as Alias).resolve(doc) as YNode) : mn;
      if (isSeq(target)) for (const it of target.items) srcs.push(isAlias(it) ? ((it as Alias).resolve(doc) as YNode) : (it as YNode));
      else srcs.push(target);
      for (const src of srcs) {
        if (!isYamlMap(src)) throw new YamlError("yaml: map merge requires map or sequence of maps as the value");
        const v = decodeNode(src, doc, opts, depth + 1);
        for (const [k, val] of Object.entries(v as GoMap)) {
          if (explicit.has(k) || entries.has(k)) continue;
          entries.set(k, val);
        }
      }
    }
    const out: GoMap = {};
    for (const [k, v] of entries) out[keyString(k, opts.strictKeys, entries)] = v;
    return out;
  }
  return null;
}

function decodeScalar(node: Scalar): GoValue {
  const raw = node.source ?? String(node.value ?? "");
  const tag = node.tag;
  if (tag) {
    const short = tag.replace(/^tag:yaml\.org,2002:/, "!!");
    switch (short) {
      case "!!str":
      case "!":
        return raw;
      case "!!null":
        return null;
      case "!!bool": {
        const r = resolvePlain(raw);
        if (r.tag !== "bool") throw new YamlError(`yaml: cannot decode !!str \`${raw}\` as a !!bool`);
        return r.value;
      }
      case "!!int": {
        const r = resolvePlain(raw);
        if (r.tag !== "int") throw new YamlError(`yaml: cannot decode !!str \`${raw}\` as a !!int`);
        return r.value;
      }
      case "!!float": {
        const r = resolvePlain(raw);
        if (r.tag === "int") return new GoFloat(r.value as number);
        if (r.tag !== "float") throw new YamlError(`yaml: cannot decode !!str \`${raw}\` as a !!float`);
        return r.value;
      }
      case "!!binary":
        return Buffer.from(raw.replace(/\s+/g, ""), "base64").toString("utf8");
      case "!!timestamp":
        return raw;
      default:
        return node.type === "PLAIN" ? resolvePlain(raw).value : raw;
    }
  }
  if (node.type !== "PLAIN") return raw;
  const r = resolvePlain(raw);
  if (r.tag === "merge") return "<<";
  return r.value;
}

function parseFirst(text: string, fileName?: string): { doc: Document | null } {
  const docs = parseAllDocuments(text, { schema: "failsafe", uniqueKeys: true, strict: false, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [];
  if (!Array.isArray(docs)) {
    // EmptyStream
    return { doc: null };
  }
  const first = list[0];
  if (!first) return { doc: null };
  const err = first.errors[0];
  if (err) {
    const line = err.linePos?.[0]?.line;
    throw new YamlError(`yaml: ${fileName ? fileName + ": " : ""}${line !== undefined ? `line ${line}: ` : ""}${err.message.split("\n")[0]}`);
  }
  return { doc: first };
}

/**
 * Decode YAML the way helmfile's Go yaml decoding does into interface{} (maps, []interface{}, int vs float64, bool,
 * nil). Only the first document is decoded. Integral floats (`1.0`) come back as {@link GoFloat}, unquoted
 * timestamps as GoTime (yaml.v3 decodes them to time.Time). Non-string keys are converted with Go's %v formatting
 * (as helmfile's maputil does). Throws {@link YamlError} ("yaml: [file: ]line N: ...") on invalid YAML; messages come
 * from the `yaml` package, not from libyaml.
 */
export function decodeYaml(text: string, fileName?: string): unknown {
  const { doc } = parseFirst(text, fileName);
  if (!doc) return null;
  return decodeNode(doc.contents as YNode, doc, { strictKeys: false });
}

/** fromYaml's decoding: like decodeYaml, but non-string map keys are an error (maputil.RecursivelyStringifyMapKey). */
export function decodeYamlStrict(text: string): GoValue {
  const { doc } = parseFirst(text);
  if (!doc) return null;
  return decodeNode(doc.contents as YNode, doc, { strictKeys: true });
}

