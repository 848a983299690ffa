import * as fs from "node:fs";
import * as path from "node:path";
import { fixtureChart, packageChart, pushChart } from "../../harness/charts";
import { isolatedHelmEnv } from "../../harness/helm-env";
import { countManifestPulls, startRegistry, stopRegistry, Registry } from "../../harness/registry";
import { tempDir, testbed } from "../../harness/testbed";
import { helmBinaries } from "../../harness/tools";
import { helm } from "./helm-cli";

describe.each(helmBinaries())("OCI registry with helm v$major", ({ path: bin }) => {
  test("a pushed chart is pulled back byte for byte, and the access log counts exactly that pull", async () => {
    const { registry } = testbed();
    const dir = tempDir("oci");
    const env = isolatedHelmEnv(path.join(dir, "helm"));
    const repo = `smoke-${path.basename(dir)}`.toLowerCase().replace(/[^a-z0-9-]/g, "");
    const original = await packageChart(bin, fixtureChart("web"), "1.2.3", path.join(dir, "orig"));
    await helm(bin, ["push", original, `oci://${registry.host}/${repo}`, "--plain-http"], env);
    const before = countManifestPulls(registry, `${repo}/web`, "1.2.3"); // helm's push itself GETs the manifest
    fs.mkdirSync(path.join(dir, "out"));
    await helm(bin, ["pull", `oci://${registry.host}/${repo}/web`, "--version", "1.2.3", "--plain-http", "-d", path.join(dir, "out")], env);
    expect(fs.readFileSync(path.join(dir, "out", "web-1.2.3.tgz"))).toEqual(fs.readFileSync(original));
    expect(countManifestPulls(registry, `${repo}/web`, "1.2.3")).toBe(before + 1);
  });

  describe("with htpasswd auth", () => {
    let registry: Registry;
    let dir: string;
    beforeAll(async () => {
      dir = tempDir("oci-auth");
      registry = await startRegistry({ dir: path.join(dir, "registry"), auth: { username: "ci", password: "pa55-word" } });
    });
    afterAll(async () => stopRegistry(registry));

    test("push and pull work after login; without credentials the pull is refused", async () => {
      await pushChart(bin, registry, fixtureChart("web"), ["0.1.0"]);
      const before = countManifestPulls(registry, "charts/web", "0.1.0");
      const anon = isolatedHelmEnv(path.join(dir, "anon"));
      await expect(
        helm(bin, ["pull", `oci://${registry.host}/charts/web`, "--version", "0.1.0", "--plain-http", "-d", path.join(dir, "a")], anon),
      ).rejects.toThrow(/401|unauthorized|authentication required|basic credential not found/i);
      const authed = isolatedHelmEnv(path.join(dir, "authed"));
      fs.mkdirSync(path.join(dir, "b"));
      await helm(bin, ["registry", "login", registry.host, "--plain-http", "-u", "ci", "--password-stdin"], authed, "pa55-word");
      await helm(bin, ["pull", `oci://${registry.host}/charts/web`, "--version", "0.1.0", "--plain-http", "-d", path.join(dir, "b")], authed);
      expect(fs.existsSync(path.join(dir, "b", "web-0.1.0.tgz"))).toBe(true);
      expect(countManifestPulls(registry, "charts/web", "0.1.0")).toBe(before + 1);
    });
  });
});
