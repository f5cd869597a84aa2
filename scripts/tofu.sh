#!/usr/bin/env bash
# Builds OpenTofu from source (the Go module proxy serves it; `go install` refuses it because its go.mod has
# replace directives) and caches the binary under ~/.cache/alikafka-migrate/tofu/<version>/tofu.
# Prints `export TOFU_BIN=...` on stdout; progress goes to stderr. Fast when already built.
# Env: TOFU_VERSION (default 1.12.6, the supported release line), ALIKAFKA_CACHE (default ~/.cache/alikafka-migrate),
# TOFU_CHECK_ONLY=1 (print the export if built, exit 1 otherwise; never build).
set -euo pipefail
version="${TOFU_VERSION:-1.12.6}"
cache="${ALIKAFKA_CACHE:-$HOME/.cache/alikafka-migrate}/tofu/$version"
bin="$cache/tofu"
# `tofu version` may print CLI-configuration warnings first (1.12 does when TF_CLI_CONFIG_FILE names a missing
# file), so look for the version line rather than take the first one
built() { [ -x "$bin" ] && "$bin" version 2>/dev/null | grep -qx "OpenTofu v$version"; }
if built; then
  echo "export TOFU_BIN=$bin"
  exit 0
fi
[ "${TOFU_CHECK_ONLY:-}" = 1 ] && exit 1
command -v go >/dev/null || { echo "tofu.sh: needs Go (go on PATH) to build OpenTofu $version" >&2; exit 1; }
. "$(dirname "${BASH_SOURCE[0]}")/go-source.sh"
mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9
if built; then echo "export TOFU_BIN=$bin"; exit 0; fi
start=$(date +%s)
src="$cache/src"
go_module_source tofu.sh github.com/opentofu/opentofu "$version" "$src"
echo "tofu.sh: building (takes minutes on 2 cores)" >&2
(cd "$src" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" -o "$bin.tmp" ./cmd/tofu)
mv "$bin.tmp" "$bin"
built || { echo "tofu.sh: the built binary does not report OpenTofu v$version: $("$bin" version 2>&1 | grep -m1 '^OpenTofu')" >&2; exit 1; }
rm -rf "$src"
echo "tofu.sh: built $("$bin" version 2>/dev/null | grep -m1 '^OpenTofu') in $(( $(date +%s) - start )) s" >&2
echo "export TOFU_BIN=$bin"
