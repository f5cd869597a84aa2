// Removes the run's temporary directory (global-setup.js); ALIKAFKA_KEEP_TMP=1 keeps it to look into a failure.
const fs = require('fs');

module.exports = async () => {
  const dir = process.env.ALIKAFKA_JEST_TMPDIR;
  if (!dir) return;
  if (process.env.ALIKAFKA_KEEP_TMP === '1') {
    process.stderr.write(`kept the tests' temporary files in ${dir}\n`);
    return;
  }
  fs.rmSync(dir, { recursive: true, force: true });
};
