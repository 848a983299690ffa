/**
 * sops `secrets:` through a real `pulumi up` (the testbed's cluster, age keys made here): environment secrets feed a
 * release value, release secrets override release values, a rotated secret is a masked change in `preview --diff`
 * that `up` applies; the plaintexts (and their base64 and unkeyed digests) are in none of: `pulumi stack export`,
 * preview text, provider output, any process's argv, leftover temp files.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fixtureChart } from "../harness/charts";
import { kubeGet } from "../harness/kube";
import { ageKey, sopsEncrypt, sopsEnv } from "../harness/sops";
import { tempDir, testbed } from "../harness/testbed";
import { toolPaths } from "../harness/tools";
import { fixtureStack } from "./stack";
import { leaksIn, probeLeaks, stateLeaks } from "./reliability/leaks";

const NS = "e2e-secrets";
const DB = "Db-pa55-e2e-4c9a";
const DB2 = "Db-pa55-e2e-rotated-77d0";
const GREETING = "Greeting-s3cret-e2e-b81f";

test("environment and release secrets: deployed, masked in previews, rotated, never leaked", async () => {
  const { cluster } = testbed();
  const dir = tempDir("e2e-secrets");
  const key = ageKey(dir);
  const providerTmp = tempDir("e2e-secrets-tmp");
  const writeEnv = (pw: string) => fs.writeFileSync(path.join(dir, "env.enc.yaml"), sopsEncrypt(`db:\n  password: ${pw}\n`, key));
  writeEnv(DB);
  fs.writeFileSync(path.join(dir, "rel.enc.yaml"), sopsEncrypt(`greeting: ${GREETING}\n`, key));
  fs.writeFileSync(
    path.join(dir, "helmfile.yaml.gotmpl"),
    [
      "environments:",
      "  default:",
      "    secrets: [env.enc.yaml]",
      "---",
      "releases:",
      "  - name: sec",
      `    namespace: ${NS}`,
      `    chart: ${fixtureChart("web")}`,
      "    values:",
      "      - password: {{ .Values.db.password }}",
      "        greeting: from-values",
      "        extra: { plain: visible }",
      "    secrets: [rel.enc.yaml]",
      "",
    ].join("\n"),
  );
  const stack = await fixtureStack("reliability/helmfile-file", {
    PULUMI_HELMFILE_HELM: toolPaths().helm4,
    PULUMI_HELMFILE_CACHE_DIR: tempDir("e2e-secrets-cache"),
    PULUMI_HELMFILE_TMPDIR: providerTmp,
    ...sopsEnv(key),
  });
  await stack.secret("kubeconfig", fs.readFileSync(cluster.kubeconfig, "utf8"));
  await stack.config({ file: dir });
  const secrets = [DB, DB2, GREETING];
  const outputs: string[] = [];
  const probed = async (args: string[]) => {
    const { result, report } = await probeLeaks(secrets, providerTmp, () => stack.ok(args));
    expect(report.leaks).toEqual([]);
    expect(report.cmdlinesSampled).toBeGreaterThan(0);
    outputs.push(result.stdout + result.stderr);
    return result;
  };

  await probed(["up", "--yes"]);
  const secret = await kubeGet<{ data: Record<string, string> }>(cluster, `/api/v1/namespaces/${NS}/secrets/sec-credentials`);
  expect(Buffer.from(secret!.data.password, "base64").toString()).toBe(DB);
  const cm = await kubeGet<{ data: Record<string, string> }>(cluster, `/api/v1/namespaces/${NS}/configmaps/sec-config`);
  expect(cm!.data).toEqual({ greeting: GREETING, plain: "visible" }); // release secrets win over release values

  // rotation: a masked change in the preview, applied by up
  writeEnv(DB2);
  const diff = await probed(["preview", "--diff"]);
  expect(diff.stdout).toMatch(/HelmRelease: \(update\)/);
  expect(diff.stdout).toMatch(/\[secret\]/);
  await probed(["up", "--yes", "--skip-preview"]);
  const rotated = await kubeGet<{ data: Record<string, string> }>(cluster, `/api/v1/namespaces/${NS}/secrets/sec-credentials`);
  expect(Buffer.from(rotated!.data.password, "base64").toString()).toBe(DB2);
  const quiet = await probed(["preview", "--diff", "--expect-no-changes"]);
  expect(quiet.stdout).not.toMatch(/\(update\)/);

  expect(stateLeaks(await stack.exportState(), secrets)).toEqual([]);
  expect(outputs.flatMap((o, i) => leaksIn(`command ${i}`, o, secrets))).toEqual([]);
  await stack.ok(["destroy", "--yes", "--skip-preview"]);
}, 900_000);
