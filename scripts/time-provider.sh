#!/usr/bin/env bash
# Builds the hashicorp/time Terraform provider (its `time_sleep` paces CreateTopic calls, lib/plan/pacing.ts) from
# its source on the Go module proxy and installs it into the filesystem mirror scripts/provider.sh set up, so that
# `terraform init` / `tofu init` find it offline. Like scripts/tofu.sh: fast when already built, progress on
# stderr, and on stdout the directory of the mirror (`export TIME_PROVIDER_MIRROR=...`).
# Offline users: copy <cache>/terraform/mirror/registry.terraform.io/hashicorp/time from a machine that ran this
# script (or the registry's terraform-provider-time_<version>_linux_amd64.zip, unpacked there) into the same path.
# Env: TIME_PROVIDER_VERSION (default 0.13.1), ALIKAFKA_CACHE (default ~/.cache/alikafka-migrate),
# TIME_PROVIDER_CHECK_ONLY=1 (print the export if installed, exit 1 otherwise; never build).
set -euo pipefail
version="${TIME_PROVIDER_VERSION:-0.13.1}"
cache="${ALIKAFKA_CACHE:-$HOME/.cache/alikafka-migrate}/terraform"
mirror="$cache/mirror"
bin_name="terraform-provider-time_v$version"
hosts=(registry.terraform.io registry.opentofu.org)
primary="$mirror/${hosts[0]}/hashicorp/time/$version/linux_amd64"
installed() {
  for h in "${hosts[@]}"; do [ -x "$mirror/$h/hashicorp/time/$version/linux_amd64/$bin_name" ] || return 1; done
}
if installed; then
  echo "export TIME_PROVIDER_MIRROR=$mirror"
  exit 0
fi
[ "${TIME_PROVIDER_CHECK_ONLY:-}" = 1 ] && exit 1
command -v go >/dev/null || { echo "time-provider.sh: needs Go (go on PATH) to build hashicorp/time $version" >&2; exit 1; }
. "$(dirname "${BASH_SOURCE[0]}")/go-source.sh"
mkdir -p "$cache"
exec 9>"$cache/.time.lock"
flock 9
if installed; then echo "export TIME_PROVIDER_MIRROR=$mirror"; exit 0; fi
start=$(date +%s)
tmp="$(mktemp -d "$cache/.time-build.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
go_module_source time-provider.sh github.com/hashicorp/terraform-provider-time "$version" "$tmp/src"
echo "time-provider.sh: building (about 1-2 min on 2 cores, once; cached)" >&2
(cd "$tmp/src" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$tmp/$bin_name" .)
for h in "${hosts[@]}"; do
  d="$mirror/$h/hashicorp/time/$version/linux_amd64"
  rm -rf "$d"
  mkdir -p "$d"
  # a copy lands under a temporary name first: an interrupted run never leaves a partial binary that looks installed
  if [ "$d" = "$primary" ]; then cp "$tmp/$bin_name" "$d/.$bin_name.tmp"; else ln "$primary/$bin_name" "$d/$bin_name" 2>/dev/null || cp "$primary/$bin_name" "$d/.$bin_name.tmp"; fi
  [ -f "$d/.$bin_name.tmp" ] && mv "$d/.$bin_name.tmp" "$d/$bin_name"
done
echo "time-provider.sh: built hashicorp/time $version in $(( $(date +%s) - start )) s" >&2
echo "export TIME_PROVIDER_MIRROR=$mirror"
