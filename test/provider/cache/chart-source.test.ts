import * as fs from "node:fs";
import * as path from "node:path";
import { chartSource, parseOciReference, sourceIdentity } from "../../../provider/cache/chart-source";
import { tempDir } from "../../harness/temp";

const digest = `sha256:${"a".repeat(64)}`;

describe("chart references", () => {
  it("OCI: host with port, nested path, tag, digest", () => {
    expect(parseOciReference(`oci://127.0.0.1:5000/team/charts/web:0.1.0@${digest}`)).toMatchObject({
      kind: "oci", url: "oci://127.0.0.1:5000/team/charts/web", host: "127.0.0.1:5000", chart: "web", tag: "0.1.0", digest,
    });
    expect(() => parseOciReference("oci://host")).toThrow(/oci:\/\/host\/path\/chart/);
    expect(() => parseOciReference("oci://host/web@sha256:short")).toThrow(/invalid digest/);
  });
  it("local paths, repository charts, OCI repositories", () => {
    const dir = tempDir("chart-source");
    fs.mkdirSync(path.join(dir, "charts", "web"), { recursive: true });
    expect(chartSource("./charts/web", undefined, dir)).toEqual({ kind: "local", path: path.join(dir, "charts", "web") });
    expect(() => chartSource("./charts/missing", undefined, dir)).toThrow(/local chart '.\/charts\/missing' not found/);
    expect(chartSource("stable/web", { name: "stable", url: "https://charts.example.com/" }, dir)).toMatchObject({ kind: "repository", url: "https://charts.example.com", chart: "web" });
    expect(chartSource("reg/web", { name: "reg", url: "registry.example.com/charts", oci: true }, dir)).toMatchObject({ kind: "oci", url: "oci://registry.example.com/charts/web" });
    expect(() => chartSource("other/web", { name: "stable", url: "https://x" }, dir)).toThrow(/names repository 'other'/);
    expect(() => chartSource("stable/web", undefined, dir)).toThrow(/no repository named 'stable'/);
  });
  it("identity: a digest pin is its own cache identity", () => {
    expect(sourceIdentity(parseOciReference("oci://h/c/web"))).toBe("oci://h/c/web");
    expect(sourceIdentity(parseOciReference(`oci://h/c/web@${digest}`))).toBe(`oci://h/c/web@${digest}`);
  });
});
