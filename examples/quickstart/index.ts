// Quickstart: helm releases declared in TypeScript.
//   - one OCI chart used by three releases (pulled once, through the shared chart cache), ordered like helmfile `needs`
//   - one chart from a classic HTTP repository (optional: config `chartRepository`)
//   - one local chart with a dependency (helm dependency build runs once per change)
import * as pulumi from "@pulumi/pulumi";
import { HelmRelease } from "pulumi-helmfile";

const config = new pulumi.Config();
const registry = config.require("registry"); // host[:port] of an OCI registry holding charts/web
const namespace = config.get("namespace") || "quickstart";
const kubeconfig = config.getSecret("kubeconfig"); // default: $KUBECONFIG
const plainHttp = config.getBoolean("plainHttp") ?? true;

const web = { namespace, chart: `oci://${registry}/charts/web`, version: "0.1.0", plainHttp, kubeconfig };

const api = new HelmRelease("api", { ...web, values: [{ greeting: config.get("greeting") || "hello from api" }] });
// helmfile's `needs: [api]` is Pulumi's dependsOn.
const worker = new HelmRelease("worker", { ...web, values: [{ greeting: "hello from worker", extra: { role: "worker" } }] }, { dependsOn: [api] });
const frontend = new HelmRelease("frontend", { ...web, values: [{ greeting: "hello from frontend" }] }, { dependsOn: [api, worker] });

const portal = new HelmRelease("portal", { namespace, chart: "./charts/portal", kubeconfig, values: [{ greeter: { message: "hi from a local chart" } }] });

const repoUrl = config.get("chartRepository");
const fromRepo = repoUrl
  ? new HelmRelease("from-repo", { namespace, chart: "samples/web", version: "~0.1", repository: { name: "samples", url: repoUrl }, kubeconfig })
  : undefined;

export const releases = pulumi
  .all([api.status, worker.status, frontend.status, portal.status, fromRepo ? fromRepo.status : "not configured"])
  .apply(([a, w, f, p, r]) => ({ api: a, worker: w, frontend: f, portal: p, fromRepo: r }));
export const apiObjects = api.objects;
