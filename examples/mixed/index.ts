// Releases mixed with other resources:
//   - the kubeconfig comes from another resource's secret output (here a stand-in "cluster" that reads a kubeconfig
//     file; in real life an EKS/GKE/AKS cluster resource),
//   - a generated password (plain Pulumi, no provider download) flows as a secret into a release's values,
//   - an output of one release (its revision and objects) feeds another release.
import * as pulumi from "@pulumi/pulumi";
import { HelmRelease } from "pulumi-helmfile";

/** A stand-in for a cluster resource: its output is the kubeconfig, marked secret. */
class LocalCluster extends pulumi.dynamic.Resource {
  declare readonly kubeconfig: pulumi.Output<string>;
  constructor(name: string, kubeconfigPath: string) {
    const provider: pulumi.dynamic.ResourceProvider = {
      async create(inputs) {
        const text = require("fs").readFileSync(inputs.kubeconfigPath, "utf8");
        return { id: name, outs: { kubeconfigPath: inputs.kubeconfigPath, kubeconfig: text } };
      },
    };
    super(provider, name, { kubeconfigPath, kubeconfig: undefined }, { additionalSecretOutputs: ["kubeconfig"] });
  }
}

/** A random password generated once and kept in state (encrypted), like random.RandomPassword. */
class GeneratedPassword extends pulumi.dynamic.Resource {
  declare readonly result: pulumi.Output<string>;
  constructor(name: string, length: number) {
    const provider: pulumi.dynamic.ResourceProvider = {
      async create(inputs) {
        const bytes: Buffer = require("crypto").randomBytes(inputs.length);
        return { id: name, outs: { length: inputs.length, result: bytes.toString("base64url").slice(0, inputs.length) } };
      },
    };
    super(provider, name, { length, result: undefined }, { additionalSecretOutputs: ["result"] });
  }
}

const config = new pulumi.Config();
const registry = config.require("registry");
const namespace = config.get("namespace") || "mixed";
const cluster = new LocalCluster("cluster", config.require("kubeconfigPath"));
const password = new GeneratedPassword("db-password", 24);

// Both releases: the same chart, namespace and cluster.
const web = { namespace, chart: `oci://${registry}/charts/web`, version: "0.1.0", plainHttp: true, kubeconfig: cluster.kubeconfig };

const database = new HelmRelease("database", {
  ...web,
  values: [{ greeting: "database" }, { password: password.result }],
});

const app = new HelmRelease("app", {
  ...web,
  values: [
    {
      greeting: pulumi.interpolate`app talking to database revision ${database.revision}`,
      extra: { databaseObjects: database.objects.apply((o) => o.map((x) => `${x.kind}/${x.name}`).join(",")) },
    },
  ],
});

export const appStatus = app.status;
export const databaseSecret = database.objects.apply((o) => o.filter((x) => x.kind === "Secret").map((x) => x.name));
