import * as fs from "node:fs";
import * as path from "node:path";
import { fixtureChart, pushChart } from "../harness/charts";
import { tempDir, testbed } from "../harness/testbed";
import { helmBinaries } from "../harness/tools";
import { fixtureStack } from "./stack";

/** A helm whose `template` (the program's preview render) takes 4 s longer and logs when it ends (epoch ms). */
function slowTemplateHelm(dir: string, realHelm: string): { binary: string; templateEnds: () => number[] } {
  fs.mkdirSync(dir, { recursive: true });
  const log = path.join(dir, "template-ends.log");
  const binary = path.join(dir, "helm");
  fs.writeFileSync(
    binary,
    `#!/bin/sh\nif [ "$1" != template ]; then exec '${realHelm}' "$@"; fi\nsleep 4\n'${realHelm}' "$@"\nrc=$?\necho $(($(date +%s%N) / 1000000)) >> '${log}'\nexit $rc\n`,
    { mode: 0o755 },
  );
  return { binary, templateEnds: () => fs.readFileSync(log, "utf8").split("\n").filter(Boolean).map(Number) };
}

/**
 * When this stack's dynamic-provider host process first ran (epoch ms, sampled from /proc every 25 ms) while `fn` ran:
 * a node process running `cmd/dynamic-provider` whose environment holds `marker` (the stack's own cache directory), so
 * the hosts of other test files running at the same time do not count.
 */
async function providerStart<T>(marker: string, fn: () => Promise<T>): Promise<{ result: T; firstSeen?: number }> {
  let firstSeen: number | undefined;
  const timer = setInterval(() => {
    if (firstSeen !== undefined) return;
    for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
      try {
        if (!fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("cmd/dynamic-provider/")) continue;
        if (fs.readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").includes(`PULUMI_HELMFILE_CACHE_DIR=${marker}`)) firstSeen = Date.now();
      } catch {
        /* gone */
      }
    }
  }, 25);
  try {
    return { result: await fn(), firstSeen };
  } finally {
    clearInterval(timer);
  }
}

describe("the dynamic provider starts while the program renders (sdk/provider-start.ts)", () => {
  const realHelm = helmBinaries()[0].path;
  let chart: string;

  beforeAll(async () => {
    const { registry } = testbed();
    const repo = `e2e-provider-start-${Date.now().toString(36)}`;
    await pushChart(realHelm, registry, fixtureChart("web"), ["0.1.0"], repo);
    chart = `oci://${registry.host}/${repo}/web`;
  });

  const previewWith = async (env: Record<string, string>) => {
    const helm = slowTemplateHelm(tempDir("slow-template"), realHelm);
    const cacheDir = tempDir("cache");
    const stack = await fixtureStack("release", { PULUMI_HELMFILE_HELM: helm.binary, PULUMI_HELMFILE_CACHE_DIR: cacheDir, ...env });
    await stack.config({ namespace: "e2e-provider-start", chart });
    await stack.secret("kubeconfig", fs.readFileSync(testbed().cluster.kubeconfig, "utf8"));
    const { result, firstSeen } = await providerStart(cacheDir, () => stack.ok(["preview", "--diff"]));
    return { out: result.stdout + result.stderr, firstSeen, templateEnd: helm.templateEnds()[0] };
  };

  test("before the release's render ends, and the preview is unchanged by it; turned off, after", async () => {
    const early = await previewWith({});
    expect(early.out).toMatch(/\+ 2 to create/);
    expect(early.out).not.toMatch(/unknown function|pulumiHelmfileStartProvider|error:/i);
    expect(early.templateEnd).toBeGreaterThan(0);
    expect(early.firstSeen).toBeDefined();
    expect(early.firstSeen).toBeLessThan(early.templateEnd);

    // Without it the engine starts the provider for the release's registration, which waits for the render.
    const late = await previewWith({ PULUMI_HELMFILE_DISABLE_EARLY_PROVIDER_START: "true" });
    expect(late.out).toMatch(/\+ 2 to create/);
    expect(late.firstSeen).toBeDefined();
    expect(late.firstSeen).toBeGreaterThan(late.templateEnd);
  });
});
