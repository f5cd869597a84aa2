// Readiness probe for scripts/rig/rig.sh: exits 0 when the broker answers a metadata request naming at least one
// broker. Through @platformatic/kafka (an ES module: loaded with require, which Node >= 22.12 supports; rig.sh
// runs this on the Node scripts/node.sh picks).
// usage: node wait-kafka.js HOST:PORT [SCRAM_USER SCRAM_PASSWORD]
'use strict';
const { Admin } = require('@platformatic/kafka');
const [broker, user, password] = process.argv.slice(2);
const admin = new Admin({
  clientId: 'rig-wait',
  bootstrapBrokers: [broker],
  connectTimeout: 2000,
  requestTimeout: 5000,
  timeout: 5000,
  retries: 0,
  ...(user ? { sasl: { mechanism: 'SCRAM-SHA-256', username: user, password } } : {}),
});
// Metadata without topics: the brokers only (a leaderless partition somewhere, which some tests leave on
// purpose, does not matter)
admin
  .metadata({ topics: [] })
  .then((m) => {
    if (!m.brokers.size) throw new Error('no brokers');
  })
  .then(
    () =>
      admin.close().then(
        () => process.exit(0),
        () => process.exit(0),
      ),
    () =>
      admin.close().then(
        () => process.exit(1),
        () => process.exit(1),
      ),
  );
