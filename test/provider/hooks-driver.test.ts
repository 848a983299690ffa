/** The hook driver (provider/hooks/driver.ts) with real processes: order, cwd, KUBECONFIG, showlogs, failures, redaction. */
import * as fs from "node:fs";
import * as path from "node:path";
import { HookError, runHooks } from "../../provider/hooks/driver";
import type { HookRun } from "../../provider/hooks/types";
import { tempDir } from "../harness/temp";

const run = (name: string, event: HookRun["event"], script: string, extra: Partial<HookRun> = {}): HookRun => ({
  name, event, helmfileCommand: event === "preuninstall" ? "delete" : "sync", command: "sh", args: ["-c", script], ...extra,
});

describe("hook driver", () => {
  let dir: string;
  beforeEach(() => (dir = tempDir("hookdrv")));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("runs the event's hooks in order, in the directory, with the kubeconfig as KUBECONFIG (removed afterwards)", async () => {
    const log: string[] = [];
    const hooks = [
      run("a", "presync", "echo a >> out; cat \"$KUBECONFIG\" > kc; echo \"$KUBECONFIG\" > kcpath", { showlogs: true }),
      run("skip", "postsync", "echo no >> out"),
      run("b", "presync", "echo b >> out; printf 'vis%s' ible"),
    ];
    const n = await runHooks(hooks, "presync", "up", { releaseId: "ns/r", kubeconfig: "apiVersion: v1\n", dir }, { log: (l) => log.push(l) });
    expect(n).toBe(2);
    expect(fs.readFileSync(path.join(dir, "out"), "utf8")).toBe("a\nb\n");
    expect(fs.readFileSync(path.join(dir, "kc"), "utf8")).toBe("apiVersion: v1\n");
    expect(fs.existsSync(fs.readFileSync(path.join(dir, "kcpath"), "utf8").trim())).toBe(false);
    // showlogs only for the hook that asks; output never otherwise shown
    expect(log.filter((l) => l.startsWith("hook[presync] logs"))).toEqual([]);
    expect(log.some((l) => l.includes("visible"))).toBe(false);
  });

  it("a failure names release, event, hook, command, exit code and output tail, secrets redacted; later hooks do not run", async () => {
    const hooks = [run("gate", "presync", "echo token=s3cr3t-value; exit 4"), run("after", "presync", "echo ran > after")];
    const err = await runHooks(hooks, "presync", "up", { releaseId: "ns/r", dir, secrets: ["s3cr3t-value"] }, { log: () => {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HookError);
    const m = (err as HookError).message;
    expect(m).toMatch(/^release ns\/r: presync hook gate failed: command `sh -c echo token=\[secret\]; exit 4` exited with code 4/);
    expect(m).toContain("token=[secret]");
    expect(m).not.toContain("s3cr3t-value");
    expect(fs.existsSync(path.join(dir, "after"))).toBe(false);
  });

  it("a missing command is named; postsync after a failure gets the error text", async () => {
    const missing = await runHooks([{ ...run("x", "presync", ""), command: "no-such-command-phf", args: [] }], "presync", "up", { releaseId: "ns/r", dir }, { log: () => {} }).catch((e: unknown) => e as Error);
    expect((missing as Error).message).toMatch(/no-such-command-phf: command not found/);
    const post: HookRun = { ...run("p", "postsync", "echo ok > res"), onError: { command: "sh", args: ["-c", "printf '%s' \"$1\" > res", "sh", "err: __PULUMI_HELMFILE_EVENT_ERROR__"] } };
    await runHooks([post], "postsync", "up", { releaseId: "ns/r", dir }, { error: "boom", log: () => {} });
    expect(fs.readFileSync(path.join(dir, "res"), "utf8")).toBe("err: boom");
    await runHooks([post], "postsync", "up", { releaseId: "ns/r", dir }, { log: () => {} });
    expect(fs.readFileSync(path.join(dir, "res"), "utf8")).toBe("ok\n");
  });
});
