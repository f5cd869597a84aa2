#!/usr/bin/env bash
# `npm run bench`: build, start the test rig if it is not running (the export benchmarks need it),
# run every benchmark, and stop the rig again if this script started it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
npx tsc -p tsconfig.json
if [ -z "${RIG_ZOOKEEPER:-}" ] && [ "${1:-}" != "synth" ]; then
  trap 'bash scripts/rig/rig.sh stop >&2 || true' EXIT
  eval "$(bash scripts/rig/rig.sh start)"
fi
node dist/bench/run.js "$@"
