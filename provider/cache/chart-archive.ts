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

/** Parse `<chart>/Chart.yaml` out of a chart archive. Throws CorruptChartError on a truncated or invalid archive. */
export function readChartArchive(file: string): ChartMetadata {
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
    let name = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    longName = undefined;
    const body = tar.subarray(off + 512, off + 512 + size);
    if (body.length < size) throw new CorruptChartError(`${file} is truncated`);
    if (type === "L") longName = body.toString("utf8").replace(/\0.*$/s, "");
    name = name.replace(/^\.\//, "");
    if ((type === "0" || type === "") && /^[^/]+\/Chart\.yaml$/.test(name)) {
      const meta = parse(body.toString("utf8")) as ChartMetadata | null;
      if (!meta || typeof meta.name !== "string" || meta.version === undefined) {
        throw new CorruptChartError(`${file}: ${name} has no name or version`);
      }
      return { ...meta, version: String(meta.version), appVersion: meta.appVersion === undefined ? undefined : String(meta.appVersion) };
    }
    off += 512 + Math.ceil(size / 512) * 512;
  }
  throw new CorruptChartError(`${file} has no Chart.yaml`);
}
