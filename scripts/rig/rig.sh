#!/usr/bin/env bash
# Test rig: a real ZooKeeper and real Kafka brokers on 127.0.0.1, from Maven Central jars.
#
#   scripts/rig/rig.sh fetch   resolve the jars into the cache (mvn dependency:copy-dependencies)
#   scripts/rig/rig.sh start   fetch if needed, start everything, wait until it answers, print `export NAME=value`
#   scripts/rig/rig.sh stop    stop everything this rig started (by pid file)
#   scripts/rig/rig.sh env     print the `export` lines of a running rig
#   scripts/rig/rig.sh status  show what runs
#   scripts/rig/rig.sh restart kzk|ksasl|kraft   restart one broker in place (tests of a restart mid-export)
#
# Components (each with its own ports and data directory under $RIG_HOME/run-$RIG_PORT_BASE):
#   zk      ZooKeeper 3.8.4                               127.0.0.1:$((BASE+181))
#   kzk     Kafka 3.9 broker, ZooKeeper mode, chroot /kafka39, AclAuthorizer (ANONYMOUS is super user)
#                                                         127.0.0.1:$((BASE+92))
#   ksasl   Kafka 3.9 broker, ZooKeeper mode, chroot /kafka39sasl, SASL_PLAINTEXT SCRAM-SHA-256/512 +
#           AclAuthorizer (user "admin" is super user; SCRAM credentials live in ZooKeeper)
#                                                         127.0.0.1:$((BASE+96))
#           and a second listener, SASL_SSL (PLAIN as in Alibaba's guide, SCRAM-SHA-256/512), whose certificate
#           is signed by a CA made with keytool at the first start (scripts/rig/make-certs.sh; the client's
#           truststores as JKS, PKCS12 and PEM in $RIG_HOME/run-$RIG_PORT_BASE/ssl)
#                                                         127.0.0.1:$((BASE+97))
#   kraft   Kafka 4.x broker+controller, KRaft mode       127.0.0.1:$((BASE+94)) (controller $((BASE+93)))
#
# Environment: RIG_HOME (default $HOME/.cache/alikafka-migrate/rig: the jars, shared by every rig, and one run
# directory per port base), RIG_PORT_BASE (default 29000; two rigs with different bases are fully separate:
# ports, pid files, data and logs), RIG_HEAP (default 512m), RIG_START_TIMEOUT seconds (default 180).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
RIG_HOME="${RIG_HOME:-$HOME/.cache/alikafka-migrate/rig}"
BASE="${RIG_PORT_BASE:-29000}"
HEAP="${RIG_HEAP:-512m}"
START_TIMEOUT="${RIG_START_TIMEOUT:-180}"
RUN="$RIG_HOME/run-$BASE"
LIB39="$RIG_HOME/lib-kafka39"
LIB4="$RIG_HOME/lib-kafka4"

ZK_PORT=$((BASE + 181))
KZK_PORT=$((BASE + 92))
KRAFT_PORT=$((BASE + 94))
KRAFT_CTRL_PORT=$((BASE + 93))
KSASL_PORT=$((BASE + 96))
KSSL_PORT=$((BASE + 97))
SASL_USER=admin
SASL_PASSWORD=rig-admin-secret
SSL_DIR="$RUN/ssl"
SSL_PASSWORD=rig-store-secret
COMPONENTS=(zk kzk ksasl kraft)

# Settings every single-node broker of the rig shares: replication 1 for internal topics, few partitions,
# no rebalance delay, no auto-created topics, small segments, a log cleaner that looks for work every second
# (tests of compacted topics wait for it; Kafka's default is 15 s).
single_node_props() {
  cat <<EOF
num.partitions=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=4
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
log.segment.bytes=10485760
log.cleaner.backoff.ms=1000
EOF
}

log() { echo "rig: $*" >&2; }
die() { echo "rig: error: $*" >&2; exit 1; }

fetch_one() { # pom dir
  local pom="$1" dir="$2"
  if [ -f "$dir/.complete" ] && [ "$dir/.complete" -nt "$pom" ]; then return 0; fi
  log "resolving jars for $(basename "$pom") into $dir (Maven Central)"
  rm -rf "$dir.tmp"
  mvn -q -B -f "$pom" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$dir.tmp" >&2 \
    || die "mvn dependency:copy-dependencies failed for $pom"
  rm -rf "$dir"; mv "$dir.tmp" "$dir"; touch "$dir/.complete"
}
fetch() {
  command -v java >/dev/null || die "java not found (Java 17 is needed)"
  command -v mvn >/dev/null || die "mvn not found (Maven is needed to fetch the Kafka jars)"
  mkdir -p "$RIG_HOME"
  # one fetch at a time: rigs on other port bases share the jar directories
  exec 9>"$RIG_HOME/.fetch.lock"
  flock 9
  fetch_one "$HERE/pom-kafka39.xml" "$LIB39"
  fetch_one "$HERE/pom-kafka4.xml" "$LIB4"
  flock -u 9
}

pidfile() { echo "$RUN/$1/pid"; }
alive() { # component
  local f; f="$(pidfile "$1")"
  [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null
}
port_free() { # port
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
require_port_free() { # port component
  port_free "$1" || die "port 127.0.0.1:$1 (for $2) is already in use by another process; stop it or set RIG_PORT_BASE"
}

stop_one() { # component
  local f pid i; f="$(pidfile "$1")"
  [ -f "$f" ] || return 0
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then log "$1 (pid $pid) did not stop in 30 s; killing"; kill -9 "$pid" 2>/dev/null || true; fi
    log "stopped $1 (pid $pid)"
  fi
  rm -f "$f"
}
stop() {
  local c i
  # brokers first, ZooKeeper last
  for (( i=${#COMPONENTS[@]}-1; i>=0; i-- )); do c="${COMPONENTS[$i]}"; stop_one "$c"; done
}

jopts() { # component
  echo "-Xms128m -Xmx$HEAP -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true -Djava.net.preferIPv4Stack=true"
}

wait_for() { # component description command...
  local c="$1" what="$2"; shift 2
  local end=$(( $(date +%s) + START_TIMEOUT ))
  until "$@" >/dev/null 2>&1; do
    alive "$c" || { tail -n 40 "$RUN/$c/server.log" >&2 || true; die "$c exited while starting (log: $RUN/$c/server.log)"; }
    [ "$(date +%s)" -lt "$end" ] || { tail -n 40 "$RUN/$c/server.log" >&2 || true; die "$c: $what did not answer within $START_TIMEOUT s (log: $RUN/$c/server.log)"; }
    sleep 0.5
  done
}
zk_ok() { [ "$(exec 3<>"/dev/tcp/127.0.0.1/$ZK_PORT" && echo ruok >&3 && timeout 2 cat <&3)" = imok ]; }
kafka_ok() { # bootstrap [sasl]
  node "$HERE/wait-kafka.js" "$@"
}
# The readiness probe's Kafka client (@platformatic/kafka) needs Node ^22.22 or >= 24.6: scripts/node.sh puts one
# first on PATH when the one there is older (and prints nothing otherwise).
probe_node() {
  local env
  env="$(bash "$REPO/scripts/node.sh")" || die "no Node.js for the readiness probe (scripts/node.sh failed)"
  eval "$env"
}

launch() { # component classpath-dir main-class args...
  local c="$1" lib="$2" main="$3"; shift 3
  # shellcheck disable=SC2046
  java $(jopts "$c") -Dlog4j.configuration="file:$HERE/log4j.properties" -Dlog4j2.configurationFile="$HERE/log4j2.properties" \
    -Dkafka.logs.dir="$RUN/$c" -cp "$lib/*" "$main" "$@" >"$RUN/$c/server.log" 2>&1 &
  echo $! >"$(pidfile "$c")"
  log "started $c (pid $!)"
}

print_env() {
  echo "export RIG_ZOOKEEPER=127.0.0.1:$ZK_PORT"
  echo "export RIG_KAFKA_ZK=127.0.0.1:$KZK_PORT"
  echo "export RIG_KAFKA_ZK_CHROOT=/kafka39"
  echo "export RIG_KAFKA_KRAFT=127.0.0.1:$KRAFT_PORT"
  echo "export RIG_KAFKA_SASL=127.0.0.1:$KSASL_PORT"
  echo "export RIG_KAFKA_SASL_CHROOT=/kafka39sasl"
  echo "export RIG_SASL_USER=$SASL_USER"
  echo "export RIG_SASL_PASSWORD=$SASL_PASSWORD"
  echo "export RIG_KAFKA_SSL=127.0.0.1:$KSSL_PORT"
  echo "export RIG_SSL_TRUSTSTORE_JKS='$SSL_DIR/truststore.jks'"
  echo "export RIG_SSL_TRUSTSTORE_P12='$SSL_DIR/truststore.p12'"
  echo "export RIG_SSL_CA_PEM='$SSL_DIR/ca.pem'"
  echo "export RIG_SSL_TRUSTSTORE_PASSWORD=$SSL_PASSWORD"
  echo "export RIG_KAFKA_CLASSPATH='$LIB39/*'"
  echo "export RIG_KAFKA4_CLASSPATH='$LIB4/*'"
  echo "export RIG_RUN_DIR='$RUN'"
}

start() {
  local all=1 c
  for c in "${COMPONENTS[@]}"; do alive "$c" || all=0; done
  if [ "$all" = 1 ]; then
    log "already running"
    print_env
    return 0
  fi
  # Partly running or stale pid files: start over from clean data directories.
  stop
  fetch
  probe_node
  for c in "${COMPONENTS[@]}"; do rm -rf "${RUN:?}/$c"; mkdir -p "$RUN/$c"; done
  require_port_free "$ZK_PORT" zk
  require_port_free "$KZK_PORT" kzk
  require_port_free "$KSASL_PORT" ksasl
  require_port_free "$KSSL_PORT" ksasl-ssl
  require_port_free "$KRAFT_PORT" kraft
  require_port_free "$KRAFT_CTRL_PORT" kraft-controller

  # --- certificates for the SASL_SSL listener: made once per run directory (keytool, a few seconds), then reused
  if [ ! -f "$SSL_DIR/.complete" ]; then
    log "making a CA and the broker certificate with keytool in $SSL_DIR"
    rm -rf "$SSL_DIR"
    MAKE_CERTS_CLIENT=0 bash "$HERE/make-certs.sh" "$SSL_DIR" "$SSL_PASSWORD" "alikafka-migrate rig CA $BASE" || die "could not make the rig's certificates"
    touch "$SSL_DIR/.complete"
  fi

  # --- ZooKeeper
  cat >"$RUN/zk/zoo.cfg" <<EOF
tickTime=2000
dataDir=$RUN/zk/data
clientPort=$ZK_PORT
clientPortAddress=127.0.0.1
admin.enableServer=false
maxClientCnxns=0
4lw.commands.whitelist=ruok,srvr,stat,mntr
EOF
  launch zk "$LIB39" org.apache.zookeeper.server.ZooKeeperServerMain "$RUN/zk/zoo.cfg"
  wait_for zk "ZooKeeper on 127.0.0.1:$ZK_PORT" zk_ok

  # --- Kafka 3.9, ZooKeeper mode, plaintext + authorizer
  cat >"$RUN/kzk/server.properties" <<EOF
broker.id=0
listeners=PLAINTEXT://127.0.0.1:$KZK_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KZK_PORT
log.dirs=$RUN/kzk/logs
zookeeper.connect=127.0.0.1:$ZK_PORT/kafka39
zookeeper.connection.timeout.ms=18000
broker.rack=rack-a
authorizer.class.name=kafka.security.authorizer.AclAuthorizer
super.users=User:ANONYMOUS
allow.everyone.if.no.acl.found=true
$(single_node_props)
EOF
  launch kzk "$LIB39" kafka.Kafka "$RUN/kzk/server.properties"

  # --- Kafka 3.9, ZooKeeper mode, SASL/SCRAM + authorizer. The admin's SCRAM credential goes into
  # ZooKeeper before the broker starts (kafka-configs --zookeeper is still supported for SCRAM in 3.x);
  # it does not create the chroot, so create that first.
  java -Xmx128m -Dlog4j.configuration="file:$HERE/log4j.properties" -cp "$LIB39/*" org.apache.zookeeper.ZooKeeperMain \
    -server "127.0.0.1:$ZK_PORT" create /kafka39sasl >"$RUN/ksasl/chroot-setup.log" 2>&1 \
    || { cat "$RUN/ksasl/chroot-setup.log" >&2; die "could not create the /kafka39sasl chroot"; }
  java $(jopts ksasl) -Dlog4j.configuration="file:$HERE/log4j.properties" -cp "$LIB39/*" kafka.admin.ConfigCommand \
    --zookeeper "127.0.0.1:$ZK_PORT/kafka39sasl" --alter --entity-type users --entity-name "$SASL_USER" \
    --add-config "SCRAM-SHA-256=[iterations=4096,password=$SASL_PASSWORD],SCRAM-SHA-512=[password=$SASL_PASSWORD]" \
    >"$RUN/ksasl/scram-setup.log" 2>&1 || { cat "$RUN/ksasl/scram-setup.log" >&2; die "could not create the SCRAM admin user"; }
  cat >"$RUN/ksasl/server.properties" <<EOF
broker.id=0
listeners=SASL_PLAINTEXT://127.0.0.1:$KSASL_PORT,SASL_SSL://127.0.0.1:$KSSL_PORT
advertised.listeners=SASL_PLAINTEXT://127.0.0.1:$KSASL_PORT,SASL_SSL://127.0.0.1:$KSSL_PORT
security.inter.broker.protocol=SASL_PLAINTEXT
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-256
sasl.enabled.mechanisms=SCRAM-SHA-256,SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$SASL_USER" password="$SASL_PASSWORD";
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$SASL_USER" password="$SASL_PASSWORD";
listener.name.sasl_ssl.sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512
listener.name.sasl_ssl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_$SASL_USER="$SASL_PASSWORD";
listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
ssl.keystore.location=$SSL_DIR/broker.p12
ssl.keystore.type=PKCS12
ssl.keystore.password=$SSL_PASSWORD
ssl.key.password=$SSL_PASSWORD
ssl.client.auth=none
authorizer.class.name=kafka.security.authorizer.AclAuthorizer
super.users=User:$SASL_USER
allow.everyone.if.no.acl.found=false
log.dirs=$RUN/ksasl/logs
zookeeper.connect=127.0.0.1:$ZK_PORT/kafka39sasl
zookeeper.connection.timeout.ms=18000
broker.rack=rack-s
$(single_node_props)
EOF
  launch ksasl "$LIB39" kafka.Kafka "$RUN/ksasl/server.properties"

  # --- Kafka 4.x, KRaft (combined broker + controller)
  cat >"$RUN/kraft/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KRAFT_CTRL_PORT
listeners=PLAINTEXT://127.0.0.1:$KRAFT_PORT,CONTROLLER://127.0.0.1:$KRAFT_CTRL_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KRAFT_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$RUN/kraft/logs
broker.rack=rack-k
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
$(single_node_props)
EOF
  java -Xmx256m -Dlog4j2.configurationFile="$HERE/log4j2.properties" -cp "$LIB4/*" kafka.tools.StorageTool format \
    -t "$(java -Xmx128m -cp "$LIB4/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1)" \
    -c "$RUN/kraft/server.properties" >"$RUN/kraft/format.log" 2>&1 || { cat "$RUN/kraft/format.log" >&2; die "KRaft storage format failed"; }
  launch kraft "$LIB4" kafka.Kafka "$RUN/kraft/server.properties"

  wait_for kzk "Kafka (ZooKeeper mode) on 127.0.0.1:$KZK_PORT" kafka_ok "127.0.0.1:$KZK_PORT"
  wait_for ksasl "Kafka (SASL) on 127.0.0.1:$KSASL_PORT" kafka_ok "127.0.0.1:$KSASL_PORT" "$SASL_USER" "$SASL_PASSWORD"
  wait_for kraft "Kafka (KRaft) on 127.0.0.1:$KRAFT_PORT" kafka_ok "127.0.0.1:$KRAFT_PORT"
  log "all up (data and logs under $RUN)"
  print_env
}

# Restarts one broker in place (same data), for tests of a broker restarting mid-export.
restart_broker() { # kzk|ksasl|kraft
  local c="$1"
  case "$c" in
    kzk) ;; ksasl) ;; kraft) ;;
    *) die "restart: unknown broker $c (kzk, ksasl, kraft)";;
  esac
  alive "$c" || die "$c is not running"
  probe_node
  stop_one "$c"
  local lib="$LIB39"; [ "$c" = kraft ] && lib="$LIB4"
  mv "$RUN/$c/server.log" "$RUN/$c/server.log.$(date +%s)" 2>/dev/null || true
  launch "$c" "$lib" kafka.Kafka "$RUN/$c/server.properties"
  case "$c" in
    kzk) wait_for kzk "Kafka (ZooKeeper mode)" kafka_ok "127.0.0.1:$KZK_PORT" ;;
    ksasl) wait_for ksasl "Kafka (SASL)" kafka_ok "127.0.0.1:$KSASL_PORT" "$SASL_USER" "$SASL_PASSWORD" ;;
    kraft) wait_for kraft "Kafka (KRaft)" kafka_ok "127.0.0.1:$KRAFT_PORT" ;;
  esac
  log "restarted $c"
}

status() {
  local c
  for c in "${COMPONENTS[@]}"; do
    if alive "$c"; then echo "$c: running (pid $(cat "$(pidfile "$c")"))"; else echo "$c: stopped"; fi
  done
}

case "${1:-}" in
  fetch) fetch ;;
  start) start ;;
  stop) stop ;;
  env) for c in "${COMPONENTS[@]}"; do alive "$c" || die "$c is not running (run: npm run rig:start)"; done; print_env ;;
  status) status ;;
  restart) restart_broker "${2:-}" ;;
  *) echo "usage: $0 fetch|start|stop|env|status|restart BROKER" >&2; exit 2 ;;
esac
