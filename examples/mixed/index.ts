// Releases mixed with @pulumi/kubernetes resources and other Pulumi resources:
//   - a k8s.Provider built from another resource's kubeconfig Output (here a stand-in "cluster" that reads a
//     kubeconfig file; in real life an EKS/GKE/AKS cluster resource),
//   - a Namespace the releases go into, made by @pulumi/kubernetes (the releases wait for it, and go before it),
//   - a Secret holding a generated password, which the chart consumes by name (an `existingSecret` value),
//   - a ConfigMap made from a release's outputs, and an output of one release feeding another release,
//   - a Helmfile whose release goes into a second Namespace made by @pulumi/kubernetes.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Helmfile, HelmRelease } from "pulumi-helmfile";

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
const greeting = config.get("greeting") || "app";
const cluster = new LocalCluster("cluster", config.require("kubeconfigPath"));
const password = new GeneratedPassword("db-password", 24);

// @pulumi/kubernetes: a provider for the cluster, the namespaces, the credentials the database chart reads.
const provider = new k8s.Provider("cluster", { kubeconfig: cluster.kubeconfig });
const apps = new k8s.core.v1.Namespace("apps", { metadata: { name: namespace, labels: { team: "apps" } } }, { provider });
const credentials = new k8s.core.v1.Secret(
  "database-credentials",
  { metadata: { namespace: apps.metadata.name, name: "database-credentials" }, stringData: { password: password.result } },
  { provider },
);

// The releases: `namespace` is the Namespace's output, so each release waits for it (and is deleted before it).
const web = { namespace: apps.metadata.name, chart: `oci://${registry}/charts/web`, version: "0.1.0", plainHttp: true, kubeconfig: cluster.kubeconfig };

const database = new HelmRelease("database", {
  ...web,
  // existingSecret: the chart's Deployment reads the Secret's `password` key; only its name passes through helm.
  values: [{ greeting: "database", existingSecret: credentials.metadata.name, deployment: { enabled: true } }],
});

const app = new HelmRelease("app", {
  ...web,
  values: [
    {
      greeting: pulumi.interpolate`${greeting} talking to database revision ${database.revision}`,
      extra: { databaseObjects: database.objects.apply((o) => o.map((x) => `${x.kind}/${x.name}`).join(",")) },
    },
  ],
});

// A ConfigMap made from the database release's outputs.
const databaseInfo = new k8s.core.v1.ConfigMap(
  "database-info",
  {
    metadata: { namespace: apps.metadata.name, name: "database-info" },
    data: {
      release: pulumi.interpolate`${database.namespace}/${database.name}`,
      revision: database.revision.apply(String),
      status: database.status,
      objects: database.objects.apply((o) => o.map((x) => `${x.kind}/${x.name}`).join(",")),
    },
  },
  { provider },
);

// A Helmfile whose releases go into a Namespace made by @pulumi/kubernetes: its dependsOn reaches every release.
const toolsNamespace = `${namespace}-tools`;
const tools = new k8s.core.v1.Namespace("tools", { metadata: { name: toolsNamespace, labels: { purpose: "tools" } } }, { provider });
new Helmfile(
  "tools",
  {
    kubeconfig: cluster.kubeconfig,
    spec: {
      helmDefaults: { createNamespace: false },
      releases: [{ name: "metrics", namespace: toolsNamespace, chart: `oci://${registry}/charts/web`, version: "0.1.0", plainHttp: true, values: [{ greeting: "metrics" }] }],
    },
  },
  { dependsOn: [tools] },
);

export const appStatus = app.status;
export const databaseDeployment = database.objects.apply((o) => o.filter((x) => x.kind === "Deployment").map((x) => x.name));
export const databaseInfoName = databaseInfo.metadata.name;
