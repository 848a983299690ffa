/** Reading a packaged chart (.tgz) without helm: its Chart.yaml, and the archive's sha256. */
import { PulumiHelmfileError } from "../errors";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as zlib from "node:zlib";
import { parse } from "yaml";

/** The Chart.yaml fields the cache verifies and reports. */
export interface ChartMetadata {
  name: string;
  version: string;
  appVersion?: string;
  dependencies?: { name: string; version?: string; repository?: string }[];
}

export class CorruptChartError extends PulumiHelmfileError {
  override readonly name: string = "CorruptChartError";
}

/** sha256 of a file, hex. */
export function sha256File(file: string): string {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** One regular file or directory of a tar archive. */
export interface ArchiveEntry {
  /** Full path as stored (`./` prefix removed). */
  name: string;
  type: "file" | "dir";
  mode: number;
  body: Buffer;
}

/**
 * The regular files and directories of a gzipped tar archive, in order: ustar prefixes, GNU long names and pax `path`
 * records honoured. Throws CorruptChartError on an archive that is not gzip or is truncated.
 */
export function* archiveEntries(file: string): Generator<ArchiveEntry> {
  let tar: Buffer;
  try {
    tar = zlib.gunzipSync(fs.readFileSync(file));
  } catch (e) {
    throw new CorruptChartError(`${file} is not a valid chart archive: ${(e as Error).message}`);
  }
  let off = 0;
  let longName: string | undefined;
  while (off + 512 <= tar.length) {
    const header = tar.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const field = (s: number, l: number) => header.subarray(s, s + l).toString("utf8").replace(/\0.*$/s, "");
    const size = parseInt(field(124, 12).trim() || "0", 8);
    const type = field(156, 1);
    const prefix = field(345, 155);
    const body = tar.subarray(off + 512, off + 512 + size);
    if (body.length < size) throw new CorruptChartError(`${file} is truncated`);
    off += 512 + Math.ceil(size / 512) * 512;
    if (type === "L") {
      longName = body.toString("utf8").replace(/\0.*$/s, "");
      continue;
    }
    if (type === "x") {
      const m = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString("utf8"));
      if (m) longName = m[1];
      continue;
    }
    const name = (longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100))).replace(/^\.\//, "");
    longName = undefined;
    const mode = parseInt(field(100, 8).trim() || "644", 8);
    if (type === "5") yield { name, type: "dir", mode, body };
    else if (type === "0" || type === "") yield { name, type: "file", mode, body };
  }
}

/** Parse `<chart>/Chart.yaml` out of a chart archive. Throws CorruptChartError on a truncated or invalid archive. */
export function readChartArchive(file: string): ChartMetadata {
  for (const e of archiveEntries(file)) {
    if (e.type === "file" && /^[^/]+\/Chart\.yaml$/.test(e.name)) {
      const meta = parse(e.body.toString("utf8")) as ChartMetadata | null;
      if (!meta || typeof meta.name !== "string" || meta.version === undefined) {
        throw new CorruptChartError(`${file}: ${e.name} has no name or version`);
      }
      return { ...meta, version: String(meta.version), appVersion: meta.appVersion === undefined ? undefined : String(meta.appVersion) };
    }
  }
  throw new CorruptChartError(`${file} has no Chart.yaml`);
}
