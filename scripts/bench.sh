#!/usr/bin/env bash
# `npm run bench`: build, run the synth benchmark on a quiet machine, then the ones that need the real provider,
# then start the test rig if it is not running (the rig benchmarks need it) and run those, and stop the rig if this
# script started it. `npm run bench -- NAME` runs one of them:
#   synth      synth of 10 000 topics and 5 000 groups against JSON.stringify of the same plan
#   terraform  terraform validate/plan with the real provider against terraform_data (scripts/provider.sh installs it)
#   export     ZooKeeper and Admin exports against raw getData and Kafka's own CLI tools (rig)
#   clients    record batches per 10 000 keyless messages, kafkajs's default partitioner against the sticky one (rig)
#   cutover-verify  cutover and verify of 5 000 groups and 2 000 topics (rig)
#   mirror     MirrorMaker 2 with the generated config against its defaults and kafka-producer-perf-test (rig + Kafka 2.6)
#   verify     verify of >= 1 GB per side (4 topics x 4 partitions) against two kafka-console-consumers reading
#              both clusters at once; peak RSS at two sizes (BENCH_VERIFY_MB, BENCH_VERIFY_SMALL_MB, BENCH_VERIFY_RUNS,
#              BENCH_VERIFY_PROFILE=DIR for a --cpu-prof of one more run) (rig)
#   apply      terraform apply of 2,000 topics against the rehearsal control plane, paced and unpaced in the same run
#              (BENCH_APPLY_TOPICS / BENCH_APPLY_DEFAULT_TOPICS / BENCH_APPLY_RUNS, e.g. unpaced:150,paced:recommended)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
npx tsc -p tsconfig.json
what="${1:-all}"
want() { [ "$what" = all ] || [ "$what" = "$1" ]; }
RIG_BENCHES=(export clients cutover-verify mirror verify)

if want synth; then node dist/bench/run.js synth; fi
if want terraform; then
  eval "$(bash scripts/provider.sh)"
  node dist/bench/run.js terraform
fi
needs_rig=0
for b in "${RIG_BENCHES[@]}"; do want "$b" && needs_rig=1; done
if [ "$needs_rig" = 1 ]; then
  if [ -z "${RIG_ZOOKEEPER:-}" ]; then
    trap 'bash scripts/rig/rig.sh stop >&2 || true' EXIT
    eval "$(bash scripts/rig/rig.sh start)"
  fi
  for b in "${RIG_BENCHES[@]}"; do if want "$b"; then node dist/bench/run.js "$b"; fi; done
fi
if [ "$what" = all ] || [ "$what" = apply ]; then
  # terraform apply against the rehearsal control plane, inside a loopback-only network namespace
  eval "$(node scripts/rehearsal-prepare.js)"
  unshare -n -- sh -c 'ip link set lo up && REHEARSE_IN_NETNS=1 exec node dist/bench/apply.js'
fi
