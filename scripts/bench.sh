#!/usr/bin/env bash
# `npm run bench`: build, run the synth benchmark on a quiet machine, then start the test rig if it is not
# running (the export benchmarks need it), run the export benchmarks, and stop the rig if this script started it.
# `npm run bench -- synth`, `-- export` or `-- apply` runs one of them (apply: terraform apply of 2,000 topics against
# the rehearsal control plane, BENCH_APPLY_TOPICS / BENCH_APPLY_DEFAULT_TOPICS to change the counts).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
npx tsc -p tsconfig.json
what="${1:-all}"
if [ "$what" = all ] || [ "$what" = synth ]; then
  node dist/bench/run.js synth
fi
if [ "$what" = all ] || [ "$what" = export ]; then
  if [ -z "${RIG_ZOOKEEPER:-}" ]; then
    trap 'bash scripts/rig/rig.sh stop >&2 || true' EXIT
    eval "$(bash scripts/rig/rig.sh start)"
  fi
  node dist/bench/run.js export
fi
if [ "$what" = all ] || [ "$what" = apply ]; then
  # terraform apply against the rehearsal control plane, inside a loopback-only network namespace
  eval "$(node scripts/rehearsal-prepare.js)"
  unshare -n -- sh -c 'ip link set lo up && REHEARSE_IN_NETNS=1 exec node dist/bench/apply.js'
fi
