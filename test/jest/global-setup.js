// Every test file's temporary files (os.tmpdir(): the tests' mkdtemp, cdktn's Testing.app outdirs, the terraform
// and Kafka processes they start) go under one directory per jest run, which global-teardown.js removes: a run
// left thousands of directories in /tmp before.
const fs = require('fs');
const os = require('os');
const path = require('path');

module.exports = async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alikafka-jest-'));
  process.env.ALIKAFKA_JEST_TMPDIR = dir;
  process.env.TMPDIR = dir;
};
