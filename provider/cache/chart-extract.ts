/** Unpacking a packaged chart (.tgz) without helm or a tar binary: what `helm pull --untar` leaves on disk. */
import * as fs from "node:fs";
import * as path from "node:path";
import { archiveEntries, CorruptChartError } from "./chart-archive";

/** The entries of a chart archive relative to its one top-level directory (`<chart>/…`; "" for that directory). */
function* chartEntries(archive: string) {
  let top: string | undefined;
  for (const e of archiveEntries(archive)) {
    const slash = e.name.indexOf("/");
    const head = slash < 0 ? e.name : e.name.slice(0, slash);
    if (top === undefined) top = head;
    else if (head !== top) throw new CorruptChartError(`${archive}: more than one top-level directory (${top}, ${head})`);
    yield { ...e, rel: slash < 0 ? "" : e.name.slice(slash + 1).replace(/\/+$/, "") };
  }
  if (top === undefined) throw new CorruptChartError(`${archive} holds no chart`);
}

/** The text of one file of a chart archive (`rel` inside its top-level directory), or undefined. */
export function readArchiveFile(archive: string, rel: string): string | undefined {
  for (const e of chartEntries(archive)) if (e.type === "file" && e.rel === rel) return e.body.toString("utf8");
  return undefined;
}

/**
 * Extract the chart in `archive` into `dest`, which receives the content of its top-level directory. Regular files
 * and directories only (helm's archives hold nothing else); an entry escaping `dest` is refused.
 */
export function extractChartArchive(archive: string, dest: string): void {
  fs.mkdirSync(dest, { recursive: true });
  const root = path.resolve(dest);
  for (const e of chartEntries(archive)) {
    if (!e.rel) continue;
    const target = path.resolve(root, e.rel);
    if (!target.startsWith(root + path.sep)) throw new CorruptChartError(`${archive}: entry ${e.rel} escapes the chart`);
    if (e.type === "dir") fs.mkdirSync(target, { recursive: true });
    else {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, e.body, { mode: e.mode & 0o777 });
    }
  }
}
