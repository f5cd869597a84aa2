#!/usr/bin/env bash
# Installs the aliyun/alicloud Terraform provider v1.289.0 into a filesystem mirror outside the repo, so that
# `terraform init` / `tofu init` work offline, and prints (on stdout, for eval):
#   export TF_CLI_CONFIG_FILE=<cache>/terraform/terraformrc
#   export TERRAFORM_BIN=<the terraform on PATH>
# Where the provider comes from, in order:
#   1. $ALIKAFKA_PROVIDER_MIRROR: a directory holding terraform-provider-alicloud_1.289.0_linux_amd64.tar.xz
#      (or the bare binary terraform-provider-alicloud_v1.289.0) and SHA256SUMS;
#   2. ../shared/provider next to the repo (or next to the main checkout of a git worktree);
#   3. nothing: a user with internet gets the provider from the registry with a plain `terraform init`, so only
#      TERRAFORM_BIN is printed (and a note on stderr).
# The SHA-256 of what is installed is checked against SHA256SUMS. A second run with the same input only checks
# the archive's SHA-256 and the stamp, and rewrites nothing.
# Env: ALIKAFKA_CACHE (default ~/.cache/alikafka-migrate).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version=1.289.0
bin_name="terraform-provider-alicloud_v$version"
archive_name="terraform-provider-alicloud_${version}_linux_amd64.tar.xz"
cache="${ALIKAFKA_CACHE:-$HOME/.cache/alikafka-migrate}/terraform"
mirror="$cache/mirror"
rc="$cache/terraformrc"
hosts=(registry.terraform.io registry.opentofu.org)

die() { echo "provider.sh: $*" >&2; exit 1; }

terraform_bin="$(command -v terraform || true)"
[ -n "$terraform_bin" ] || die "no terraform on PATH; install Terraform >= 1.5 (https://developer.hashicorp.com/terraform/install)"

src=""
if [ -n "${ALIKAFKA_PROVIDER_MIRROR:-}" ]; then
  [ -d "$ALIKAFKA_PROVIDER_MIRROR" ] || die "ALIKAFKA_PROVIDER_MIRROR=$ALIKAFKA_PROVIDER_MIRROR is not a directory"
  src="$(cd "$ALIKAFKA_PROVIDER_MIRROR" && pwd)"
else
  candidates=("$repo/../shared/provider")
  common="$(git -C "$repo" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)"
  [ -n "$common" ] && candidates+=("$(dirname "$common")/../shared/provider")
  for c in "${candidates[@]}"; do
    if [ -f "$c/SHA256SUMS" ]; then src="$(cd "$c" && pwd)"; break; fi
  done
fi

if [ -z "$src" ]; then
  echo "provider.sh: no local provider (set ALIKAFKA_PROVIDER_MIRROR or put it in ../shared/provider);" \
       "terraform init will fetch aliyun/alicloud $version from the registry" >&2
  echo "export TERRAFORM_BIN=$terraform_bin"
  exit 0
fi

sums="$src/SHA256SUMS"
[ -f "$sums" ] || die "$src has no SHA256SUMS"
expected_bin="$(awk -v f="$bin_name" '$2 == f || $2 == "*" f { print $1 }' "$sums")"
[ -n "$expected_bin" ] || die "$sums has no line for $bin_name"

mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9

if [ -f "$src/$archive_name" ]; then
  expected_archive="$(awk -v f="$archive_name" '$2 == f || $2 == "*" f { print $1 }' "$sums")"
  [ -n "$expected_archive" ] || die "$sums has no line for $archive_name"
  actual="$(sha256sum "$src/$archive_name" | cut -d' ' -f1)"
  [ "$actual" = "$expected_archive" ] || die "$src/$archive_name: SHA-256 $actual, SHA256SUMS says $expected_archive"
  input="archive $expected_archive"
elif [ -f "$src/$bin_name" ]; then
  input="binary $expected_bin"
else
  die "$src has neither $archive_name nor $bin_name"
fi

stamp="$cache/installed"
primary="$mirror/${hosts[0]}/aliyun/alicloud/$version/linux_amd64"
installed=1
[ -f "$stamp" ] && [ "$(cat "$stamp")" = "$input $expected_bin" ] || installed=0
for h in "${hosts[@]}"; do
  [ -x "$mirror/$h/aliyun/alicloud/$version/linux_amd64/$bin_name" ] || installed=0
done

if [ "$installed" = 0 ]; then
  echo "provider.sh: installing aliyun/alicloud $version from $src into $mirror" >&2
  rm -f "$stamp"
  tmp="$(mktemp -d "$cache/.install.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  if [[ "$input" == archive* ]]; then
    tar -xJf "$src/$archive_name" -C "$tmp" "$bin_name"
  else
    cp "$src/$bin_name" "$tmp/$bin_name"
  fi
  actual="$(sha256sum "$tmp/$bin_name" | cut -d' ' -f1)"
  [ "$actual" = "$expected_bin" ] || die "$bin_name: SHA-256 $actual, SHA256SUMS says $expected_bin"
  chmod 0755 "$tmp/$bin_name"
  for h in "${hosts[@]}"; do
    d="$mirror/$h/aliyun/alicloud/$version/linux_amd64"
    rm -rf "$d"
    mkdir -p "$d"
    # one copy on disk: the second registry path is a hard link when the filesystem allows it
    if [ "$d" = "$primary" ]; then cp "$tmp/$bin_name" "$d/$bin_name"; else ln "$primary/$bin_name" "$d/$bin_name" 2>/dev/null || cp "$primary/$bin_name" "$d/$bin_name"; fi
  done
  echo "$input $expected_bin" > "$stamp"
fi

# hashicorp/time (the pacing sleeps of plans with more topics than one CreateTopic wave): built from the Go module
# proxy into the same mirror by scripts/time-provider.sh (once, about a minute); without Go it is used from the mirror
# when a copy is there, else terraform init fetches it from the registry (online only)
mirrored='"registry.terraform.io/aliyun/alicloud", "registry.opentofu.org/aliyun/alicloud"'
if ALIKAFKA_CACHE="${ALIKAFKA_CACHE:-$HOME/.cache/alikafka-migrate}" TIME_PROVIDER_CHECK_ONLY="$(command -v go >/dev/null || echo 1)" \
  bash "$repo/scripts/time-provider.sh" >/dev/null; then
  mirrored="$mirrored, \"registry.terraform.io/hashicorp/time\", \"registry.opentofu.org/hashicorp/time\""
else
  echo "provider.sh: no hashicorp/time in the mirror and no Go to build it: terraform init will fetch it from the registry" >&2
fi
rc_text="# written by alikafka-migrate scripts/provider.sh: aliyun/alicloud $version (and hashicorp/time when built) from a local mirror, the rest direct
provider_installation {
  filesystem_mirror {
    path    = \"$mirror\"
    include = [$mirrored]
  }
  direct {
    exclude = [$mirrored]
  }
}
"
if [ ! -f "$rc" ] || [ "$(cat "$rc")" != "${rc_text%$'\n'}" ]; then
  printf '%s' "$rc_text" > "$rc.tmp" && mv "$rc.tmp" "$rc"
fi
echo "export TF_CLI_CONFIG_FILE=$rc"
echo "export TERRAFORM_BIN=$terraform_bin"
