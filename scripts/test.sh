#!/usr/bin/env bash
# The whole test suite, on a fresh machine: `npm ci && npm test` runs this.
# It builds, fetches the Kafka/ZooKeeper jars from Maven Central (cached under ~/.cache/alikafka-migrate),
# starts the rig on 127.0.0.1, runs the unit tests and then the integration tests against the rig,
# and stops the rig whatever happens.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export CHECKPOINT_DISABLE=1   # no update checks from cdktn or terraform
echo "== provider (aliyun/alicloud into a filesystem mirror)"
provider_env="$(bash scripts/provider.sh)"
eval "$provider_env"
echo "$provider_env"

echo "== build"
npx tsc -p tsconfig.json

echo "== lint (typescript-eslint, prettier)"
npm run -s lint

echo "== unit tests"
npx jest --testPathIgnorePatterns '/test/integration/' '/test/terraform/' '/test/rehearsal/'

echo "== OpenTofu (built once from the Go module proxy, cached; ALIKAFKA_TOFU=0 skips it)"
if [ "${ALIKAFKA_TOFU:-1}" != 0 ]; then
  tofu_env="$(bash scripts/tofu.sh)"
  eval "$tofu_env"
  echo "$tofu_env"
fi

echo "== terraform tier (real aliyun/alicloud provider, inside unshare -n)"
npx jest --runInBand --forceExit test/terraform

echo "== cdktn synth of the bundled example app (CDK Terrain CLI; cdktf.json and the cdktf.out layout as before)"
rm -rf cdktf.out
npx cdktn synth --output cdktf.out >/dev/null
test -s cdktf.out/stacks/alikafka-migration/cdk.tf.json
test -s cdktf.out/stacks/existing-platform/cdk.tf.json
echo "cdktn synth: ok (alikafka-migration, existing-platform)"

echo "== test rig"
started_rig=0
if [ -z "${RIG_ZOOKEEPER:-}" ]; then
  trap 'bash scripts/rig/rig.sh stop >&2 || true' EXIT
  rig_env="$(bash scripts/rig/rig.sh start)"
  eval "$rig_env"
  started_rig=1
fi
echo "rig: zookeeper=$RIG_ZOOKEEPER kafka-zk=$RIG_KAFKA_ZK kraft=$RIG_KAFKA_KRAFT sasl=$RIG_KAFKA_SASL (started here: $started_rig)"

echo "== integration tests"
# --forceExit: a kafkajs client or timer left open by a test must not keep the suite from ending (seen once it grew past 40 tests)
npx jest --runInBand --forceExit test/integration

echo "== rehearsal: terraform apply with the real provider against the local control plane (Kafka 2.6), inside unshare -n"
# outside the namespace: the provider mirror and the Kafka 2.6 jars; inside: only loopback
eval "$(node scripts/rehearsal-prepare.js)"
unshare -n -- sh -c 'ip link set lo up && REHEARSE_IN_NETNS=1 exec npx jest --runInBand --forceExit test/rehearsal'
