// 30 releases of one OCI chart in one stack: pulumi-helmfile's shared chart cache pulls chart@version once.
// The `pulls` output is not computed by this program: it is read from the registry's own access log
// (config `registryLog`) after every release is installed.
import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { HelmRelease } from "pulumi-helmfile";

const config = new pulumi.Config();
const registry = config.require("registry"); // host[:port] of an OCI registry
const repository = config.get("repository") || "charts/web"; // the chart's repository inside the registry
const version = config.get("version") || "0.1.0";
const count = config.getNumber("releases") ?? 30;
const namespace = config.get("namespace") || "shared-cache";
const greeting = config.get("greeting") || "hello";
const plainHttp = config.getBoolean("plainHttp") ?? true;
const kubeconfig = config.getSecret("kubeconfig"); // default: $KUBECONFIG
const registryLog = config.get("registryLog"); // the registry's access log (a file this program can read)

const chart = `oci://${registry}/${repository}`;
const releases = Array.from({ length: count }, (_, i) => {
  const name = `web-${String(i + 1).padStart(2, "0")}`;
  return new HelmRelease(name, { name, namespace, chart, version, plainHttp, kubeconfig, values: [{ greeting: `${greeting} from ${name}` }] });
});

/**
 * Successful GETs of `repository`'s manifest by the tag `version` in a registry access log (CNCF distribution /
 * Docker registry combined log format): `helm pull oci://…/web --version 0.1.0` is exactly one such GET (then the
 * chart's blobs). HEADs are not pulls, and neither is `helm push`, whose only manifest GET is by digest.
 */
function countPulls(log: string): number {
  let n = 0;
  for (const m of log.matchAll(/"GET \/v2\/(.+?)\/manifests\/([^ ?"]+)[^"]*" (\d{3})/g)) {
    if (m[3] === "200" && m[1] === repository && m[2] === version) n++;
  }
  return n;
}

// Counted after every release is installed: the apply runs once all statuses are known.
export const pulls = pulumi.all(releases.map((r) => r.status)).apply(() =>
  registryLog ? countPulls(fs.readFileSync(registryLog, "utf8")) : "set config registryLog to the registry's access log to count pulls",
);
export const statuses = pulumi.all(releases.map((r) => r.status)).apply((s) => {
  const byStatus: Record<string, number> = {};
  for (const x of s) byStatus[x] = (byStatus[x] ?? 0) + 1;
  return byStatus;
});
