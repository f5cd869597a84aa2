#!/usr/bin/env bash
# Kafka 2.6 jars for tests whose target is a plain Kafka 2.6 broker (AliKafka runs 2.2 / 2.6), until the
# AliKafka stand-in lands. Same cache directory, pom and lock as the other rig jars:
#   scripts/rig/kafka26.sh fetch   resolve org.apache.kafka:kafka_2.12:2.6.3 into $RIG_HOME/lib-kafka26; prints the directory
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RIG_HOME="${RIG_HOME:-$HOME/.cache/alikafka-migrate/rig}"
LIB26="$RIG_HOME/lib-kafka26"
POM="$HERE/pom-kafka26.xml"

die() { echo "kafka26: error: $*" >&2; exit 1; }

fetch() {
  command -v java >/dev/null || die "java not found (Java 17 is needed)"
  mkdir -p "$RIG_HOME"
  exec 9>"$RIG_HOME/.fetch.lock"
  flock 9
  # complete and holding the broker jar: nothing to do (other tools fetch the same pom into the same directory)
  if [ -f "$LIB26/.complete" ] && ls "$LIB26"/kafka_2.12-2.6.*.jar >/dev/null 2>&1; then
    flock -u 9; echo "$LIB26"; return 0
  fi
  command -v mvn >/dev/null || die "mvn not found (Maven is needed to fetch the Kafka 2.6 jars)"
  echo "kafka26: resolving jars for $(basename "$POM") into $LIB26 (Maven Central)" >&2
  rm -rf "$LIB26.tmp"
  mvn -q -B -f "$POM" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$LIB26.tmp" >&2 \
    || die "mvn dependency:copy-dependencies failed for $POM"
  rm -rf "$LIB26"; mv "$LIB26.tmp" "$LIB26"; touch "$LIB26/.complete"
  flock -u 9
  echo "$LIB26"
}

case "${1:-}" in
  fetch) fetch ;;
  *) echo "usage: $0 fetch" >&2; exit 2 ;;
esac
