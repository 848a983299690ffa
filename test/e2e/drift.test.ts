/**
 * Drift of a release's objects, end to end with real pulumi, helm, kubectl and kube-apiserver: objects changed and
 * deleted by hand → `pulumi refresh` lists exactly them → `pulumi preview --diff` shows them going back → `pulumi up`
 * restores them (checked through the API) → the next refresh is clean. A field an ignore rule covers is not reported;
 * a Secret's data never shows.
 */
import * as fs from "node:fs";
import { execFileSync } from "node:child_process";
import { fixtureChart } from "../harness/charts";
import { kubeGet } from "../harness/kube";
import { testbed } from "../harness/testbed";
import { helmBinaries, toolPaths } from "../harness/tools";
import { leaksIn } from "./reliability/leaks";
import { fixtureStack } from "./stack";

const PASSWORD = "S3cret-drift-e2e-5b2f";
const HAND_SET = "hand-set-Secret-value-9c41";

type Obj = { spec?: { replicas?: number }; data?: Record<string, string> };

describe.each(helmBinaries())("drift of a release's objects with helm v$major", ({ major, path: realHelm }) => {
  const ns = `e2e-drift-v${major}`;

  test("scale, edit, delete by hand → refresh lists them → preview shows the fix → up restores → refresh is clean", async () => {
    const { cluster } = testbed();
    const kubectl = (...args: string[]) => execFileSync(toolPaths().kubectl, [...args, "-n", ns, "--kubeconfig", cluster.kubeconfig], { encoding: "utf8" });
    const api = <T>(p: string) => kubeGet<T>(cluster, p);
    const stack = await fixtureStack("drift", { PULUMI_HELMFILE_HELM: realHelm, PULUMI_HELMFILE_KUBECTL: toolPaths().kubectl });
    await stack.config({ namespace: ns, chart: fixtureChart("drift") });
    await stack.secret("kubeconfig", fs.readFileSync(cluster.kubeconfig, "utf8"));
    await stack.secret("password", PASSWORD);
    await stack.ok(["up", "--yes", "--skip-preview"]);

    // A refresh right after up: nothing drifted, nothing to do.
    await stack.ok(["refresh", "--yes", "--skip-preview"]);
    expect((await stack.resourceOutputs(":HelmRelease"))[0]).toMatchObject({ drift: "", objectDrift: [] });
    expect((await stack.run(["preview", "--expect-no-changes"])).code).toBe(0);

    // By hand: scale the Deployment, edit a ConfigMap value, delete the Service, set the Secret's password.
    kubectl("scale", "deployment/drift", "--replicas=5");
    kubectl("patch", "configmap/drift-config", "-p", JSON.stringify({ data: { greeting: "tampered" } }));
    kubectl("delete", "service/drift");
    kubectl("patch", "secret/drift-credentials", "-p", JSON.stringify({ stringData: { password: HAND_SET } }));

    const refresh = await stack.ok(["refresh", "--yes", "--skip-preview"]);
    const outs = (await stack.resourceOutputs(":HelmRelease"))[0];
    expect(outs.objectDrift).toEqual([
      { apiVersion: "apps/v1", kind: "Deployment", namespace: ns, name: "drift", fields: [{ path: "/spec/replicas", expected: 2, live: 5 }] },
      { apiVersion: "v1", kind: "ConfigMap", namespace: ns, name: "drift-config", fields: [{ path: "/data/greeting", expected: "hello", live: "tampered" }] },
      { apiVersion: "v1", kind: "Service", namespace: ns, name: "drift", missing: true },
      { apiVersion: "v1", kind: "Secret", namespace: ns, name: "drift-credentials", fields: [{ path: "/data/password", expected: "[secret]", live: "[secret, changed]" }] },
    ].sort((a, b) => order(a) - order(b)));
    expect(outs.drift).toMatch(/changed outside Pulumi: objects: .*apps\/v1\/Deployment\/[^:]+\/drift: \/spec\/replicas 2 → 5/);
    expect(refresh.stdout).toMatch(/v1\/Service\/e2e-drift-v\d\/drift: deleted/);

    // The preview shows the fix, field by field, and the drift going away.
    const preview = await stack.ok(["preview", "--diff"]);
    expect(preview.stdout).toMatch(/HelmRelease: \(update\)/);
    expect(preview.stdout).toMatch(/replicas\s*:\s*5\s*=>\s*2/);
    expect(preview.stdout).toMatch(/greeting\s*:\s*"tampered"\s*=>\s*"hello"/);
    expect(preview.stdout).toMatch(/\+\s*"?v1\/Service\/e2e-drift-v\d\/drift"?\s*:/);
    expect(preview.stdout).toMatch(/-\s*drift\s*:\s*"changed outside Pulumi: objects:/);

    const up = await stack.ok(["up", "--yes", "--skip-preview"]);
    expect((await api<Obj>(`/apis/apps/v1/namespaces/${ns}/deployments/drift`))?.spec?.replicas).toBe(2);
    expect((await api<Obj>(`/api/v1/namespaces/${ns}/configmaps/drift-config`))?.data?.greeting).toBe("hello");
    expect(await api(`/api/v1/namespaces/${ns}/services/drift`)).toBeDefined();
    const secret = await api<Obj>(`/api/v1/namespaces/${ns}/secrets/drift-credentials`);
    expect(Buffer.from(secret?.data?.password ?? "", "base64").toString()).toBe(PASSWORD);

    // The next refresh is clean.
    await stack.ok(["refresh", "--yes", "--skip-preview"]);
    expect((await stack.resourceOutputs(":HelmRelease"))[0]).toMatchObject({ drift: "", objectDrift: [] });
    expect((await stack.run(["preview", "--expect-no-changes"])).code).toBe(0);

    // A field an ignore rule covers, changed by hand: not reported, nothing to do.
    kubectl("patch", "configmap/drift-config", "-p", JSON.stringify({ data: { tunable: "tuned-by-hand" } }));
    await stack.ok(["refresh", "--yes", "--skip-preview"]);
    expect((await stack.resourceOutputs(":HelmRelease"))[0]).toMatchObject({ drift: "", objectDrift: [] });
    expect((await stack.run(["preview", "--expect-no-changes"])).code).toBe(0);

    // The Secret's values, old or hand-set, never appear: the drift outputs, CLI output, the state (secrets encrypted).
    const state = await stack.exportState();
    const shown = [refresh.stdout, refresh.stderr, preview.stdout, up.stdout, JSON.stringify([outs.drift, outs.objectDrift]), state].join("\n");
    expect(leaksIn("drift", shown, [PASSWORD, HAND_SET])).toEqual([]);

    await stack.ok(["destroy", "--yes", "--skip-preview"]);
  }, 900_000);
});

/** Manifest order of the drift chart's objects (helm sorts by kind: Secret, ConfigMap, Service, Deployment). */
function order(o: { kind: string }): number {
  return ["Secret", "ConfigMap", "Service", "Deployment"].indexOf(o.kind);
}
