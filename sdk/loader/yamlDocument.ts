/** YAML parsing with source positions, so that errors can name file, line and key. */
import { Document, LineCounter, isMap, isScalar, isSeq, parseAllDocuments, type Node } from "yaml";
import { HelmfileLoadError } from "./errors";

/** A path inside a document: map keys and sequence indexes. */
export type KeyPath = (string | number)[];

/** Formats a key path as `releases[0].values[1]`. */
export function formatKeyPath(path: KeyPath): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

/** One parsed YAML document plus what is needed to locate a key path in it. */
export interface ParsedDocument {
  /** The document as plain JS (merge keys `<<` applied, anchors expanded). */
  value: unknown;
  /** Line/column (1-based) of the node at `path`, or of its nearest ancestor that exists in the source. */
  locate(path: KeyPath, keyItself?: boolean): { line: number; column: number } | undefined;
  /** The source text of the scalar at `path` (e.g. `1.10` for a version), when it is a scalar. */
  scalarSource(path: KeyPath): string | undefined;
}

/**
 * Parses every `---` document of a text. `lineOffset` is added to reported lines (for parts of a larger file).
 * Throws {@link HelmfileLoadError} with the position of a syntax error.
 */
export function parseYamlDocuments(text: string, file: string, lineOffset = 0): ParsedDocument[] {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, merge: true, uniqueKeys: true, prettyErrors: false, logLevel: "error" });
  const list = Array.isArray(docs) ? docs : [];
  const pos = (offset: number) => {
    const p = lc.linePos(offset);
    return { line: p.line + lineOffset, column: p.col };
  };
  const out: ParsedDocument[] = [];
  for (const doc of list) {
    const err = doc.errors[0];
    if (err) {
      const p = pos(err.pos[0]);
      throw new HelmfileLoadError(`invalid YAML: ${err.message.split("\n")[0]}`, { file, ...p });
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: -1 });
    } catch (e) {
      throw new HelmfileLoadError(`invalid YAML: ${(e as Error).message}`, { file });
    }
    out.push({
      value,
      locate: (path, keyItself) => locate(doc, path, keyItself, pos),
      scalarSource: (path) => {
        const n = doc.getIn(path, true);
        return isScalar(n) && typeof n.source === "string" ? n.source : undefined;
      },
    });
  }
  return out;
}

function locate(
  doc: Document,
  path: KeyPath,
  keyItself: boolean | undefined,
  pos: (offset: number) => { line: number; column: number },
): { line: number; column: number } | undefined {
  let node: unknown = doc.contents;
  let best: Node | undefined = node as Node | undefined;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
      if (!pair) break;
      if (keyItself && i === path.length - 1 && isScalar(pair.key)) {
        best = pair.key;
        break;
      }
      node = pair.value;
    } else if (isSeq(node) && typeof seg === "number") {
      node = node.items[seg];
    } else break;
    if (node && typeof node === "object" && "range" in node) best = node as Node;
    else break;
  }
  const range = best?.range;
  return range ? pos(range[0]) : undefined;
}
