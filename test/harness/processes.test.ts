import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { isAlive, stopProcess } from "./processes";
import { tempDir } from "./temp";

/** Start a sleeper from a short-lived owner process; its PID once the owner has exited. */
function startFromOwner(outliveOwner: boolean): number {
  const log = path.join(tempDir("owner"), "sleeper.log");
  const out = execFileSync(process.execPath, [path.join(__dirname, "processes-owner.js"), log, String(outliveOwner)], { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
  return Number(out.trim());
}

const waitUntil = async (cond: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  return cond();
};

describe("testbed processes and the process that started them", () => {
  test("a detached process is stopped once its starter is gone (a killed test run or bench leaves nothing running)", async () => {
    const pid = startFromOwner(false);
    expect(pid).toBeGreaterThan(0);
    // The watchdog polls every 2 s, then SIGTERMs.
    expect(await waitUntil(() => !isAlive(pid), 15_000)).toBe(true);
  });

  test("with outliveOwner (the demo's local environment) it keeps running until stopped", async () => {
    const pid = startFromOwner(true);
    try {
      await new Promise((r) => setTimeout(r, 4_500));
      expect(isAlive(pid)).toBe(true);
    } finally {
      await stopProcess({ pid });
    }
    expect(isAlive(pid)).toBe(false);
  });
});
