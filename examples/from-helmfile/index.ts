// An existing helmfile, loaded unchanged: the stack's `environment` config picks helmfile's `-e`.
// The helmfile needs the TEAM environment variable (a `requiredEnv`), as it would under helmfile itself.
import * as pulumi from "@pulumi/pulumi";
import { Helmfile } from "pulumi-helmfile";

const config = new pulumi.Config();
const platform = new Helmfile("platform", {
  file: "helmfile.yaml.gotmpl",
  environment: config.get("environment") || "dev",
  stateValues: { registry: config.require("registry") },
  kubeconfig: config.getSecret("kubeconfig"),
});

export const releases = platform.releases.then((r) => Object.keys(r).sort());
