#!/usr/bin/env bash
# `npm run bench`: build, run the synth benchmark on a quiet machine, then start the test rig if it is not
# running (the export benchmarks need it), run the export benchmarks, and stop the rig if this script started it.
# `npm run bench -- synth`, `npm run bench -- terraform` or `npm run bench -- export` runs one of them.
# The terraform benchmark uses the real aliyun/alicloud provider: scripts/provider.sh installs it first.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
npx tsc -p tsconfig.json
what="${1:-all}"
if [ "$what" = all ] || [ "$what" = synth ]; then
  node dist/bench/run.js synth
fi
if [ "$what" = all ] || [ "$what" = terraform ]; then
  eval "$(bash scripts/provider.sh)"
  node dist/bench/run.js terraform
fi
if [ "$what" = all ] || [ "$what" = export ]; then
  if [ -z "${RIG_ZOOKEEPER:-}" ]; then
    trap 'bash scripts/rig/rig.sh stop >&2 || true' EXIT
    eval "$(bash scripts/rig/rig.sh start)"
  fi
  node dist/bench/run.js export
fi
