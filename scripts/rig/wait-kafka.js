// Readiness probe for scripts/rig/rig.sh: exits 0 when the broker answers a metadata request.
// usage: node wait-kafka.js HOST:PORT [SCRAM_USER SCRAM_PASSWORD]
'use strict';
const path = require('path');
const { Kafka, logLevel } = require(path.join(__dirname, '..', '..', 'node_modules', 'kafkajs'));
const [broker, user, password] = process.argv.slice(2);
const kafka = new Kafka({
  clientId: 'rig-wait',
  brokers: [broker],
  logLevel: logLevel.NOTHING,
  connectionTimeout: 2000,
  requestTimeout: 5000,
  retry: { retries: 0 },
  sasl: user ? { mechanism: 'scram-sha-256', username: user, password } : undefined,
});
const admin = kafka.admin();
admin
  .connect()
  .then(() => admin.describeCluster())
  .then((c) => {
    if (!c.brokers.length) throw new Error('no brokers');
    return admin.disconnect();
  })
  // A leaderless partition somewhere (some tests create one on purpose) still means the broker answers.
  .then(
    () => process.exit(0),
    (e) => process.exit(e && (e.type === 'LEADER_NOT_AVAILABLE' || /no leader for this topic-partition/.test(String(e.message))) ? 0 : 1),
  );
