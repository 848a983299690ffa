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

if [ -x "$BIN" ] && [ -f "$DIR/.complete" ]; then
  printf '[goref] cached (%s)\n' "$DIR" >&2
else
  command -v go >/dev/null || { printf '[goref] error: go is not on PATH\n' >&2; exit 1; }
  printf '[goref] building %s\n' "$BIN" >&2
  mkdir -p "$TOOLS"
  PARTIAL="$DIR.partial.$$"
  rm -rf "$PARTIAL"; mkdir -p "$PARTIAL"
  ( cd "$SRC" && GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="-buildvcs=false -mod=mod" GOBIN= go build -trimpath -o "$PARTIAL/goref" . ) >&2
  date -u +%FT%TZ >"$PARTIAL/.complete"
  rm -rf "$DIR"; mv "$PARTIAL" "$DIR"
  printf '[goref] built in %s\n' "$DIR" >&2
fi
echo "$BIN"
