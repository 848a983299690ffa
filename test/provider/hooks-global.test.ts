/** Global hooks resources (provider/hooks/global.ts) with real processes: which event each phase runs on up and destroy. */
import * as fs from "node:fs";
import * as path from "node:path";
import { globalEventOf, stateHooksProvider, type StateHooksInputs } from "../../provider/hooks/global";
import { HookError } from "../../provider/hooks/driver";
import type { HookRun } from "../../provider/hooks/types";
import { tempDir } from "../harness/temp";

const log = (event: HookRun["event"], command: HookRun["helmfileCommand"], extra = ""): HookRun => ({
  name: "g", event, helmfileCommand: command, command: "sh", args: ["-c", `echo ${event} ${command} >> events.log${extra}`],
});

describe("global hooks resources", () => {
  let dir: string;
  beforeEach(() => (dir = tempDir("globalhooks")));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const events = () => (fs.existsSync(path.join(dir, "events.log")) ? fs.readFileSync(path.join(dir, "events.log"), "utf8").trim().split("\n") : []);
  const all = [log("prepare", "apply"), log("cleanup", "apply"), log("prepare", "destroy"), log("cleanup", "destroy")];
  const inputs = (phase: StateHooksInputs["phase"], hooks = all): StateHooksInputs => ({ stateFile: "helmfile.yaml", phase, hooks, baseDir: dir, trigger: "t1" });

  it("before: prepare on create/update, cleanup on delete (last on destroy); after: the reverse", async () => {
    expect([globalEventOf("before", "up"), globalEventOf("before", "destroy"), globalEventOf("after", "up"), globalEventOf("after", "destroy")]).toEqual([
      { event: "prepare", command: "apply" }, { event: "cleanup", command: "destroy" }, { event: "cleanup", command: "apply" }, { event: "prepare", command: "destroy" },
    ]);
    const { id } = await stateHooksProvider.create(inputs("before"));
    await stateHooksProvider.create(inputs("after"));
    await stateHooksProvider.update(id, inputs("before"), { ...inputs("before"), trigger: "t2" });
    await stateHooksProvider.delete("x", inputs("after"));
    await stateHooksProvider.delete(id, inputs("before"));
    expect(events()).toEqual(["prepare apply", "cleanup apply", "prepare apply", "prepare destroy", "cleanup destroy"]);
  });

  it("diff: a changed trigger or hook is a change; the same inputs are none", async () => {
    const a = inputs("after") as unknown as Record<string, unknown>;
    expect((await stateHooksProvider.diff("x", a, { ...a })).changes).toBe(false);
    expect((await stateHooksProvider.diff("x", a, { ...a, trigger: { "ns/db": [2, "now"] } })).changes).toBe(true);
    expect((await stateHooksProvider.diff("x", a, { ...a, hooks: all.slice(1) })).changes).toBe(true);
  });

  it("a failing global prepare fails the create, naming the state file, event and hook", async () => {
    const err = await stateHooksProvider.create(inputs("before", [log("prepare", "apply", "; exit 5")])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HookError);
    expect((err as Error).message).toMatch(/^helmfile\.yaml \(global hooks\): prepare hook g failed: .* exited with code 5/);
  });
});
