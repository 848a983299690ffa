/**
 * Ownership on the release itself (issue 13): a stack never installs over, upgrades or uninstalls a release another
 * stack owns; a release nobody owns is taken over only with `adopt`; refresh reports an out-of-band change of owner.
 * Every effect is read where the world sees it: helm's own history and labels, and the objects through the API.
 */
import * as fs from "node:fs";
import { execFileSync } from "node:child_process";
import { fixtureChart, pushChart } from "../harness/charts";
import { isolatedHelmEnv } from "../harness/helm-env";
import { kubeGet } from "../harness/kube";
import { tempDir, testbed } from "../harness/testbed";
import { helmBinaries } from "../harness/tools";
import { fixtureStack, TestStack } from "./stack";

const PROJECT = "organization/release-e2e";

describe.each(helmBinaries())("release ownership with helm v$major", ({ major, path: realHelm }) => {
  let chart: string;
  let helmEnv: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const { registry } = testbed();
    const repo = `owner-v${major}-${Date.now().toString(36)}`;
    await pushChart(realHelm, registry, fixtureChart("web"), ["0.1.0"], repo);
    chart = `oci://${registry.host}/${repo}/web`;
    helmEnv = { ...process.env, ...isolatedHelmEnv(tempDir("owner-oob")) };
  });

  const helm = (args: string[]) => execFileSync(realHelm, [...args, "--kubeconfig", testbed().cluster.kubeconfig], { env: helmEnv, encoding: "utf8" });
  const history = (ns: string) => (JSON.parse(helm(["history", "web", "-n", ns, "-o", "json"])) as { revision: number; status: string }[]).map((h) => h.revision);
  const names = (ns: string) => (JSON.parse(helm(["list", "-n", ns, "-o", "json"])) as { name: string }[]).map((r) => r.name);
  const greeting = async (ns: string) =>
    (await kubeGet<{ data: Record<string, string> }>(testbed().cluster, `/api/v1/namespaces/${ns}/configmaps/web-config`))?.data.greeting;

  async function stackNamed(stackName: string, ns: string, greet: string, extra: Record<string, string> = {}): Promise<TestStack> {
    const stack = await fixtureStack("release", { PULUMI_HELMFILE_HELM: realHelm, PULUMI_HELMFILE_CACHE_DIR: tempDir("cache") }, { stackName });
    await stack.config({ namespace: ns, chart, greeting: greet, ...extra });
    await stack.secret("kubeconfig", fs.readFileSync(testbed().cluster.kubeconfig, "utf8"));
    return stack;
  }

  test("two stacks, one release name: the second create fails naming the owner, the release is untouched; the release moves only when both sides say so", async () => {
    const ns = `owner-two-v${major}`;
    const alpha = await stackNamed("alpha", ns, "from-alpha");
    await alpha.ok(["up", "--yes", "--skip-preview"]);
    expect(history(ns)).toEqual([1]);

    const beta = await stackNamed("beta", ns, "from-beta");
    const refused = await beta.run(["up", "--yes", "--skip-preview"]);
    expect(refused.code).not.toBe(0);
    const text = refused.stdout + refused.stderr;
    expect(text).toContain(`release ${ns}/web (revision 1, chart web-0.1.0, status deployed) is owned by stack ${PROJECT}/alpha, resource web`);
    expect(text).toContain("nothing was changed");
    expect(history(ns)).toEqual([1]);
    expect(await greeting(ns)).toBe("from-alpha");

    // beta's destroy has nothing to uninstall; alpha's release stays
    await beta.ok(["destroy", "--yes", "--skip-preview"]);
    expect(names(ns)).toEqual(["web"]);
    expect(await greeting(ns)).toBe("from-alpha");

    // adopt: true is not enough for another stack's release
    await beta.config({ adopt: "true" });
    expect((await beta.run(["up", "--yes", "--skip-preview"])).code).not.toBe(0);
    expect(history(ns)).toEqual([1]);

    // the move: alpha drops the resource from its state (the release stays), beta names alpha in `adopt`
    const urn = JSON.parse((await alpha.ok(["stack", "export"])).stdout).deployment.resources.find((r: { type: string }) => r.type.endsWith(":HelmRelease")).urn;
    await alpha.ok(["state", "delete", urn, "--yes"]);
    await beta.config({ adopt: `${PROJECT}/alpha` });
    const moved = await beta.ok(["up", "--yes", "--skip-preview"]);
    expect(moved.stdout).toMatch(new RegExp(`release ${ns}/web: adopted the existing release \\(now revision 2, deployed`));
    expect(history(ns)).toEqual([1, 2]);
    expect(await greeting(ns)).toBe("from-beta");
    expect(await beta.outputs()).toMatchObject({ adopted: true, revision: 2 });

    // alpha, declaring it again, is refused now
    const again = await alpha.run(["up", "--yes", "--skip-preview"]);
    expect(again.stdout + again.stderr).toContain(`is owned by stack ${PROJECT}/beta, resource web`);
    expect(history(ns)).toEqual([1, 2]);
    await alpha.ok(["destroy", "--yes", "--skip-preview"]);
    expect(names(ns)).toEqual(["web"]);

    await beta.ok(["destroy", "--yes", "--skip-preview"]);
    expect(names(ns)).toEqual([]);
  }, 900_000);

  test("a release installed by hand: create fails without adopt and names it; with adopt it is upgraded in place, then owned; a change of owner out of band shows on refresh and stops destroy", async () => {
    const ns = `owner-hand-v${major}`;
    helm(["install", "web", chart, "--version", "0.1.0", "--plain-http", "-n", ns, "--create-namespace", "--set", "greeting=by-hand"]);
    const stack = await stackNamed("main", ns, "adopted");

    const refused = await stack.run(["up", "--yes", "--skip-preview"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toMatch(
      new RegExp(`release ${ns}/web already exists \\(revision 1, chart web-0\\.1\\.0, status deployed\\) and no stack owns it.*\`adopt: true\``, "s"),
    );
    expect(history(ns)).toEqual([1]);
    expect(await greeting(ns)).toBe("by-hand");

    await stack.config({ adopt: "true" });
    const up = await stack.ok(["up", "--yes", "--skip-preview"]);
    expect(up.stdout).toMatch(new RegExp(`release ${ns}/web: adopted the existing release \\(now revision 2, deployed`));
    expect(history(ns)).toEqual([1, 2]);
    expect(await greeting(ns)).toBe("adopted");
    expect(await stack.outputs()).toMatchObject({ adopted: true, revision: 2, status: "deployed" });
    // a no-change preview after the adoption (turning adopt off is no change either)
    await stack.config({ adopt: "false" });
    expect((await stack.run(["preview", "--expect-no-changes"])).code).toBe(0);

    // owned now: another stack is refused
    const other = await stackNamed("other", ns, "intruder", { adopt: "true" });
    const intruder = await other.run(["up", "--yes", "--skip-preview"]);
    expect(intruder.stdout + intruder.stderr).toContain(`is owned by stack ${PROJECT}/main, resource web`);
    expect(history(ns)).toEqual([1, 2]);

    // someone relabels the release to another stack: refresh says so, up refuses, destroy leaves it installed
    helm(["upgrade", "web", chart, "--version", "0.1.0", "--plain-http", "-n", ns, "--reuse-values", "--labels", "pulumi-helmfile/stack=other"]);
    const refresh = await stack.ok(["refresh", "--yes", "--skip-preview"]);
    expect(refresh.stdout).toContain(`now owned by stack ${PROJECT}/other, resource web`);
    const blocked = await stack.run(["up", "--yes", "--skip-preview"]);
    expect(blocked.code).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toContain("does not upgrade another stack's release");
    expect(history(ns)).toEqual([1, 2, 3]);
    const destroy = await stack.ok(["destroy", "--yes", "--skip-preview"]);
    expect(destroy.stdout + destroy.stderr).toMatch(new RegExp(`release ${ns}/web was NOT uninstalled: it is owned by stack ${PROJECT}/other`));
    expect(names(ns)).toEqual(["web"]);
    helm(["uninstall", "web", "-n", ns]);
  }, 900_000);

  test("two stacks racing for one release name: exactly one installs it, the other is refused naming it", async () => {
    const ns = `owner-race-v${major}`;
    const [red, blue] = await Promise.all([stackNamed("red", ns, "red"), stackNamed("blue", ns, "blue")]);
    const [r, b] = await Promise.all([red.run(["up", "--yes", "--skip-preview"]), blue.run(["up", "--yes", "--skip-preview"])]);
    expect([r.code, b.code].filter((c) => c === 0)).toHaveLength(1);
    const [winner, loser, lost] = r.code === 0 ? ["red", "blue", b] : ["blue", "red", r];
    expect(lost.stdout + lost.stderr).toContain(`is owned by stack ${PROJECT}/${winner}, resource web`);
    expect(history(ns)).toEqual([1]);
    expect(await greeting(ns)).toBe(winner);
    await (winner === "red" ? red : blue).ok(["destroy", "--yes", "--skip-preview"]);
    await (loser === "red" ? red : blue).ok(["destroy", "--yes", "--skip-preview"]);
    expect(names(ns)).toEqual([]);
  }, 900_000);
});
