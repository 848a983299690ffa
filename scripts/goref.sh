#!/usr/bin/env bash
# Build the Go reference renderer (test/template/goref: Go text/template + sprig v3 + helmfile's template functions) used
# by the differential template tests and the template benchmark. Idempotent: the binary lives in
# $TOOLS/goref-<hash of its sources>/goref and is only rebuilt when the sources change. The last stdout line is the
# binary's path.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SRC="$ROOT/test/template/goref"
TOOLS=${PULUMI_HELMFILE_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-helmfile/tools}
HASH=$(cd "$SRC" && cat go.mod go.sum ./*.go | sha256sum | cut -c1-16)
DIR="$TOOLS/goref-$HASH"
BIN="$DIR/goref"

build() {
  command -v go >/dev/null || { printf '[goref] error: go is not on PATH\n' >&2; exit 1; }
  printf '[goref] building %s\n' "$BIN" >&2
  local partial="$DIR.partial.$$"
  rm -rf "$partial"; mkdir -p "$partial"
  ( cd "$SRC" && GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="-buildvcs=false -mod=mod" GOBIN= go build -trimpath -o "$partial/goref" . ) >&2
  date -u +%FT%TZ >"$partial/.complete"
  rm -rf "$DIR"; mv "$partial" "$DIR"
  printf '[goref] built in %s\n' "$DIR" >&2
}

if [ -x "$BIN" ] && [ -f "$DIR/.complete" ]; then
  printf '[goref] cached (%s)\n' "$DIR" >&2
else
  # Concurrent callers (parallel test workers) serialise on a lock directory; a lock older than 10 minutes is stale.
  mkdir -p "$TOOLS"
  LOCK="$DIR.lock"
  waited=0
  until mkdir "$LOCK" 2>/dev/null; do
    if [ "$waited" -ge 600 ]; then printf '[goref] removing stale lock %s\n' "$LOCK" >&2; rm -rf "$LOCK"; waited=0; continue; fi
    sleep 1; waited=$((waited + 1))
  done
  trap 'rmdir "$LOCK" 2>/dev/null || true' EXIT
  if [ -x "$BIN" ] && [ -f "$DIR/.complete" ]; then
    printf '[goref] cached (%s, built by a concurrent caller)\n' "$DIR" >&2
  else
    build
  fi
fi
echo "$BIN"
