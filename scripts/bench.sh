#!/usr/bin/env bash
# `npm run bench`: build, run the synth benchmark on a quiet machine, then start the test rig if it is not
# running (the export benchmarks need it), run the export benchmarks, and stop the rig if this script started it.
# `npm run bench -- synth`, `npm run bench -- export` or `npm run bench -- cutover-verify` runs one of them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
npx tsc -p tsconfig.json
what="${1:-all}"
if [ "$what" = all ] || [ "$what" = synth ]; then
  node dist/bench/run.js synth
fi
if [ "$what" = all ] || [ "$what" = export ] || [ "$what" = cutover-verify ]; then
  if [ -z "${RIG_ZOOKEEPER:-}" ]; then
    trap 'bash scripts/rig/rig.sh stop >&2 || true' EXIT
    eval "$(bash scripts/rig/rig.sh start)"
  fi
  if [ "$what" = all ] || [ "$what" = export ]; then node dist/bench/run.js export; fi
  if [ "$what" = all ] || [ "$what" = cutover-verify ]; then node dist/bench/run.js cutover-verify; fi
fi
