#!/usr/bin/env node
// Generates the L1 CDK Terrain (cdktn) bindings for aliyun/alicloud from the checked-in provider schema subset.
//
//   npm run gen:bindings
//
// Input:  schema/alicloud-provider-schema.v<version>.json (format of `terraform providers schema -json`)
// Output: lib/constructs/gen/providers/alicloud/ (checked in; wiped and rewritten on every run)
//
// It calls generateProviderBindingsFromSchema from @cdktn/provider-generator 0.24 (CDK Terrain) with no language options,
// so only the TypeScript bindings are written (no jsii build). Two steps go beyond the bare call, both
// visible below:
//   1. provider_versions is added to the in-memory schema (as `cdktn get` does from the lock file), so the
//      generated classes carry providerVersion '<version>' and synth emits required_providers.version.
//   2. the provider class's terraformProviderSource is shortened from the fully qualified
//      'registry.terraform.io/aliyun/alicloud' (generateAll uses the schema key) to 'aliyun/alicloud', the
//      same address in Terraform and what `cdktn get` writes for "aliyun/alicloud@<version>".
//   The per-resource README.md files and lazy-index.ts (used only by jsii packages) are not kept.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

// @cdktn/commons (loaded by the generator) sends a checkpoint (telemetry/version) request unless
// this is set; generation is offline and must stay so. It also runs `terraform version -json` when loaded
// and echoes that command's stderr; whether terraform is installed does not matter for generation.
process.env.CHECKPOINT_DISABLE = process.env.CHECKPOINT_DISABLE || '1';

const PROVIDER_VERSION = '1.289.0';
const FQPN = 'registry.terraform.io/aliyun/alicloud';
const SHORT_SOURCE = 'aliyun/alicloud';

const root = path.resolve(__dirname, '..');
const schemaFile = path.join(root, 'schema', `alicloud-provider-schema.v${PROVIDER_VERSION}.json`);
const outDir = path.join(root, 'lib', 'constructs', 'gen', 'providers', 'alicloud');

/**
 * Generates the bindings into `targetDir` (created or emptied first): the contents of
 * providers/alicloud/ of the generator's output, post-processed as described above.
 * Returns the generated file paths relative to targetDir, sorted.
 */
async function generateBindings(targetDir) {
  const { generateProviderBindingsFromSchema } = require('@cdktn/provider-generator');

  const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
  if (schema.format_version !== '1.0' || !schema.provider_schemas || !schema.provider_schemas[FQPN]) {
    throw new Error(`${schemaFile}: expected format_version "1.0" and provider_schemas["${FQPN}"]`);
  }
  if (Object.keys(schema.provider_schemas).length !== 1) {
    throw new Error(`${schemaFile}: expected exactly one provider, got ${Object.keys(schema.provider_schemas).join(', ')}`);
  }
  schema.provider_versions = { [FQPN]: PROVIDER_VERSION };

  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'alikafka-gen-bindings-'));
  try {
    await generateProviderBindingsFromSchema(staging, schema);

    const generated = path.join(staging, 'providers', 'alicloud');
    fs.rmSync(path.join(generated, 'lazy-index.ts'), { force: true });
    for (const entry of fs.readdirSync(generated, { withFileTypes: true })) {
      if (entry.isDirectory()) fs.rmSync(path.join(generated, entry.name, 'README.md'), { force: true });
    }

    const providerFile = path.join(generated, 'provider', 'index.ts');
    const from = `terraformProviderSource: '${FQPN}'`;
    const text = fs.readFileSync(providerFile, 'utf8');
    if (text.split(from).length !== 2) {
      throw new Error(`expected exactly one "${from}" in the generated provider class; generator output changed?`);
    }
    fs.writeFileSync(providerFile, text.replace(from, `terraformProviderSource: '${SHORT_SOURCE}'`));

    fs.rmSync(targetDir, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(targetDir), { recursive: true });
    fs.cpSync(generated, targetDir, { recursive: true });
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return listFiles(targetDir);
}

function listFiles(dir) {
  const files = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else files.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return files.sort();
}

async function main() {
  const files = await generateBindings(outDir);
  process.stdout.write(`wrote ${files.length} files to ${path.relative(root, outDir)}/ (aliyun/alicloud ${PROVIDER_VERSION})\n`);
}

module.exports = { generateBindings, listFiles, outDir, schemaFile, PROVIDER_VERSION };

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`gen:bindings failed: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 1;
  });
}
