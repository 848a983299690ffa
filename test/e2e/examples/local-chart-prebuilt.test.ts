/**
 * Pins a product bug (fails until it is fixed in provider/cache): a local chart whose dependencies were already built
 * (`helm dependency build` by hand, or a working tree where `npm run demo` ran — charts/portal/charts/ is gitignored)
 * deployed with a fresh chart cache, when a rebuild of the dependency archive yields other bytes (its files were
 * checked out or touched after the archive was built, or the archive was vendored from another machine).
 *
 * The program computes the release's `chartDigest` with ChartCache.lookup (deps present → digest of the directory as
 * is, no build), while the provider's create resolves with ChartCache.resolve, which finds no up-to-date marker in the
 * fresh cache and runs `helm dependency build`, rewriting charts/greeter-1.0.0.tgz with new bytes. The next preview
 * sees a new digest and proposes an update of an unchanged release: `pulumi preview --expect-no-changes` right after
 * `pulumi up` fails.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { execFileSync } from "node:child_process";
import { isolatedHelmEnv } from "../../harness/helm-env";
import { tempDir, testbed } from "../../harness/testbed";
import { exampleStack } from "../stack";
import { helmBin, helmList, stackEnv } from "./cluster";

describe("examples/quickstart with the local chart's dependencies already built", () => {
  test("a preview right after up shows no changes (the portal release's chartDigest stays the same)", async () => {
    const { registry, cluster } = testbed();
    const ns = "quickstart-prebuilt";
    const stack = await exampleStack("quickstart", stackEnv());
    const portal = path.join(stack.dir, "charts", "portal");
    fs.rmSync(path.join(portal, "charts"), { recursive: true, force: true });
    execFileSync(helmBin, ["dependency", "build", portal], { env: { ...process.env, ...isolatedHelmEnv(tempDir("prebuilt-helm")) }, stdio: "pipe" });
    expect(fs.readdirSync(path.join(portal, "charts"))).toEqual(["greeter-1.0.0.tgz"]);
    // The archive was built from the dependency's files as they were then; a later checkout (git sets mtimes) or a
    // vendored archive built on another machine means a rebuild now yields different bytes (tar headers hold mtimes).
    const later = new Date(Date.now() + 86_400_000);
    const touch = (d: string): void => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) touch(p);
        fs.utimesSync(p, later, later);
      }
    };
    touch(path.join(stack.dir, "charts", "greeter"));
    await stack.config({ registry: registry.host, namespace: ns });
    await stack.secret("kubeconfig", fs.readFileSync(cluster.kubeconfig, "utf8"));
    try {
      await stack.ok(["up", "--yes", "--skip-preview"]);
      expect(helmList(ns).map((r) => `${r.name}:${r.status}`)).toEqual(["api:deployed", "frontend:deployed", "portal:deployed", "worker:deployed"]);
      const again = await stack.run(["preview", "--expect-no-changes", "--diff"]);
      expect(again.stdout).not.toMatch(/~ chartDigest/);
      expect(again.code).toBe(0);
    } finally {
      await stack.ok(["destroy", "--yes", "--skip-preview"]);
      expect(helmList(ns)).toEqual([]);
    }
  }, 300_000);
});
