#!/usr/bin/env node
'use strict';
// Prepares a rehearsal outside its network namespace: installs the provider into the filesystem mirror and
// resolves the Kafka 2.6 jars (the stand-in's brokers) and the rig's Kafka 3.9 jars (MirrorMaker 2 of the clone and
// end-to-end rehearsals, the end-to-end test's source broker). Prints `export NAME=value` lines for the namespace that follows.
const { providerEnv } = require('../dist/tools/control-plane/provider-env.js');
const { fetchKafka26Jars } = require('../dist/tools/control-plane/broker.js');
const { fetchKafka39Jars } = require('../dist/tools/control-plane/mirror-maker.js');
const env = providerEnv();
fetchKafka26Jars((s) => process.stderr.write(`rehearsal: ${s}\n`));
fetchKafka39Jars();
process.stdout.write(`export TF_CLI_CONFIG_FILE='${env.TF_CLI_CONFIG_FILE}'\nexport TERRAFORM_BIN='${env.TERRAFORM_BIN}'\n`);
