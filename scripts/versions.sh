# Pinned versions of every testbed tool. Sourced by scripts/setup.sh; read by test/harness/tools.ts.
HELM4_VERSION=v4.3.1
HELM3_VERSION=v3.22.0
PULUMI_VERSION=v3.248.0
PULUMI_COMMIT=a88168d865b7
PULUMI_KUBERNETES_VERSION=v4.34.2
K8S_VERSION=v1.36.3 # also kubectl (helmfile's kubectlApply hooks), built from the same k8s.io/kubernetes module
KWOK_VERSION=v0.8.0
HELMFILE_VERSION=v1.8.0
HELM_DIFF_VERSION=v3.9.14
KUSTOMIZE_VERSION=v5.8.0 # patches/kustomize releases (chartify); v5.8.1+ need Go 1.27
SOPS_VERSION=v3.13.2 # secrets: and ref+sops:// (the sops helmfile v1.8.0's vals v0.46.1 links); v3.13.3 also served
AGE_VERSION=v1.3.1 # age-keygen for the tests' sops keys (the age helmfile v1.8.0 links)
