import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { RenderCache } from "../../../provider/release/render-cache";
import { tempDir } from "../../harness/temp";

const dir = () => tempDir("render-cache-test");
const preview = { summary: { "v1/Secret/ns/s": { kind: "Secret", data: { password: "[secret]" } } }, secretDigests: { "v1/Secret/ns/s": "ab".repeat(32) } };

describe("RenderCache", () => {
  it("prune: removes entries unused for 30 days (a hit counts as use) and old temp files, at most once a day", () => {
    const c = new RenderCache(dir());
    const [old, used, fresh] = ["old", "used", "fresh"].map((n) => c.entryName({ n }));
    for (const n of [old, used, fresh]) c.put(n, preview);
    fs.writeFileSync(path.join(c.dir, "x.json.123.tmp"), "");
    const daysAgo = (d: number) => new Date(Date.now() - d * 24 * 3600 * 1000);
    for (const n of [old, used]) fs.utimesSync(path.join(c.dir, `${n}.json`), daysAgo(40), daysAgo(40));
    fs.utimesSync(path.join(c.dir, "x.json.123.tmp"), daysAgo(2), daysAgo(2));
    expect(c.get(used)).toEqual(preview); // refreshes its mtime
    expect(c.prune()).toBe(2);
    expect([c.get(old), c.get(used), c.get(fresh)]).toEqual([undefined, preview, preview]);
    fs.utimesSync(path.join(c.dir, `${fresh}.json`), daysAgo(40), daysAgo(40));
    expect(c.prune()).toBe(0); // swept less than a day ago
    expect(c.prune(30, Date.now() + 2 * 24 * 3600 * 1000)).toBe(1);
    expect(fs.existsSync(path.join(c.dir, "key"))).toBe(true);
  });

  it("round-trips an entry", () => {
    const c = new RenderCache(dir());
    const name = c.entryName({ values: [{ password: "hunter22" }] });
    expect(c.get(name)).toBeUndefined();
    c.put(name, preview);
    expect(c.get(name)).toEqual(preview);
    expect(new RenderCache(c.dir).get(name)).toEqual(preview); // another process, same key file
  });

  it("holds no plaintext, base64 or unkeyed digest of what it is given", () => {
    const d = dir();
    const c = new RenderCache(d);
    const secret = "hunter22-very-secret";
    const parts = { values: [{ password: secret }] };
    const name = c.entryName(parts);
    c.put(name, preview);
    const everything = fs.readdirSync(d).map((f) => f + fs.readFileSync(path.join(d, f)).toString("latin1")).join("\n");
    const plainSha = crypto.createHash("sha256").update(JSON.stringify(parts)).digest("hex");
    for (const form of [secret, Buffer.from(secret).toString("base64"), plainSha.slice(0, 8), preview.secretDigests["v1/Secret/ns/s"].slice(0, 8)]) {
      expect(everything).not.toContain(form);
    }
  });

  it("entry names are keyed: two caches name the same render differently", () => {
    expect(new RenderCache(dir()).entryName({ a: 1 })).not.toBe(new RenderCache(dir()).entryName({ a: 1 }));
  });

  it("the key file is private and created once under concurrency", () => {
    const d = dir();
    const names = Array.from({ length: 5 }, () => new RenderCache(d).entryName({ a: 1 }));
    expect(new Set(names).size).toBe(1);
    expect(fs.statSync(path.join(d, "key")).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(d)).toEqual(["key"]);
  });

  it("an entry sealed under another key is a miss, not an error", () => {
    const d = dir();
    const c = new RenderCache(d);
    const name = c.entryName({ a: 1 });
    c.put(name, preview);
    fs.writeFileSync(path.join(d, "key"), crypto.randomBytes(32));
    expect(new RenderCache(d).get(name)).toBeUndefined();
  });
});
