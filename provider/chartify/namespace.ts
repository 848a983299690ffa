/**
 * chartify's `SetNamespace` (set_namespace.go): every document of a rendered file gets `metadata.namespace` when it
 * has none (one already set is kept, as kubectl and helm do), and the file is written again as YAML — chartify
 * re-encodes it with go-yaml v3 (two-space indentation, sequences indented under their key, comments, quoting and
 * flow style kept, no line folding), which this reproduces with the `yaml` library's document model. Pure.
 */
import { isMap, isScalar, parseAllDocuments, Scalar, YAMLMap } from "yaml";

/** The file's documents with `metadata.namespace` set where missing, re-encoded as chartify writes them. */
export function setNamespace(text: string, namespace: string): string {
  const parsed = parseAllDocuments(text);
  const docs = Array.isArray(parsed) ? parsed : [parsed];
  const out: string[] = [];
  for (const doc of docs) {
    if (doc.errors.length) throw new Error(`parsing yaml: ${doc.errors[0].message.split("\n")[0]}`);
    const root = doc.contents;
    if (isMap(root)) {
      const metadata = root.get("metadata", true);
      if (isMap(metadata) && !metadata.has("namespace")) {
        const value = new Scalar(namespace);
        (metadata as YAMLMap).add({ key: new Scalar("namespace"), value });
      }
    }
    let s = doc.toString({ indent: 2, indentSeq: true, lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false, directives: false });
    if (root === null || (isScalar(root) && root.value === null)) s = s.replace(/^null\n?$/m, "");
    out.push(s);
  }
  return out.map((s, i) => (i === 0 ? s : `---\n${s}`)).join("");
}
