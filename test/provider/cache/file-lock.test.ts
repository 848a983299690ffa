import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { acquireFileLock, isStale, withFileLock } from "../../../provider/cache/file-lock";
import { tempDir } from "../../harness/temp";

const lockDir = () => path.join(tempDir("file-lock"), "x.lock");

describe("file lock", () => {
  it("excludes: a second holder waits until the first releases", async () => {
    const l = lockDir();
    const order: string[] = [];
    const first = await acquireFileLock(l);
    const second = withFileLock(l, async () => void order.push("second"));
    await new Promise((r) => setTimeout(r, 100));
    order.push("first releases");
    first.release();
    await second;
    expect(order).toEqual(["first releases", "second"]);
    expect(fs.existsSync(l)).toBe(false);
  });
  it("a lock whose owner process is dead is stale and taken over", async () => {
    const l = lockDir();
    fs.mkdirSync(l);
    // A pid that cannot be alive (above the kernel's pid_max default range), on this host.
    fs.writeFileSync(path.join(l, "owner.json"), JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), token: "dead" }));
    expect(isStale(l, 60_000)).toBe(true);
    const held = await acquireFileLock(l, { staleMs: 60_000 });
    held.release();
  });
  it("a live owner with a fresh heartbeat is not stale; an ownerless lock goes stale by age", () => {
    const l = lockDir();
    fs.mkdirSync(l);
    fs.writeFileSync(path.join(l, "owner.json"), JSON.stringify({ pid: process.pid, host: os.hostname(), token: "me" }));
    expect(isStale(l, 60_000)).toBe(false);
    const bare = lockDir();
    fs.mkdirSync(bare);
    const old = new Date(Date.now() - 120_000);
    fs.utimesSync(bare, old, old);
    expect(isStale(bare, 60_000)).toBe(true);
    expect(isStale(path.join(path.dirname(bare), "absent.lock"), 1)).toBe(false);
  });
});
