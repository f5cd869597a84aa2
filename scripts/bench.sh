#!/usr/bin/env bash
# `npm run bench`: build, run the synth benchmark on a quiet machine, then start the test rig if it is not
# running (the export benchmarks need it), run the export benchmarks, and stop the rig if this script started it.
# `npm run bench -- synth`, `-- export` or `-- mirror` runs one of them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
npx tsc -p tsconfig.json
what="${1:-all}"
if [ "$what" = all ] || [ "$what" = synth ]; then
  node dist/bench/run.js synth
fi
if [ "$what" = all ] || [ "$what" = export ] || [ "$what" = mirror ]; then
  if [ -z "${RIG_ZOOKEEPER:-}" ]; then
    trap 'bash scripts/rig/rig.sh stop >&2 || true' EXIT
    eval "$(bash scripts/rig/rig.sh start)"
  fi
  if [ "$what" != mirror ]; then node dist/bench/run.js export; fi
  # MirrorMaker 2: generated config vs MirrorMaker defaults vs kafka-producer-perf-test (target: a Kafka 2.6 broker)
  if [ "$what" != export ]; then node dist/bench/run.js mirror; fi
fi
