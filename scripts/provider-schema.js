#!/usr/bin/env node
// Filters `terraform providers schema -json` of aliyun/alicloud down to what this package uses, in the form
// checked in as schema/alicloud-provider-schema.v<version>.json (pretty-printed, keys in terraform's order).
//
//   terraform providers schema -json | node scripts/provider-schema.js > schema/alicloud-provider-schema.v1.289.0.json
//
// Kept: the provider block (its `endpoints` block trimmed to the endpoint keys listed below), the resources and
// the data sources listed below, each whole.
'use strict';

const FQPN = 'registry.terraform.io/aliyun/alicloud';
const RESOURCES = [
  'alicloud_alikafka_instance',
  'alicloud_alikafka_topic',
  'alicloud_alikafka_consumer_group',
  'alicloud_alikafka_sasl_user',
  'alicloud_alikafka_sasl_acl',
  'alicloud_alikafka_instance_allowed_ip_attachment',
  'alicloud_vpc',
  'alicloud_vswitch',
  'alicloud_security_group',
];
const DATA_SOURCES = [
  'alicloud_alikafka_instances',
  'alicloud_alikafka_topics',
  'alicloud_alikafka_consumer_groups',
  'alicloud_alikafka_sasl_users',
  'alicloud_alikafka_sasl_acls',
];
const ENDPOINTS = ['alikafka', 'vpc', 'ecs', 'sts', 'bssopenapi'];

function pick(obj, keys, what) {
  const out = {};
  for (const k of Object.keys(obj)) if (keys.includes(k)) out[k] = obj[k];
  const missing = keys.filter((k) => !(k in obj));
  if (missing.length) throw new Error(`the provider schema has no ${what} ${missing.join(', ')}`);
  return out;
}

function filterSchema(full) {
  const p = full.provider_schemas && full.provider_schemas[FQPN];
  if (!p) throw new Error(`not a provider schema with ${FQPN}`);
  const provider = JSON.parse(JSON.stringify(p.provider));
  const endpoints = provider.block.block_types && provider.block.block_types.endpoints;
  if (endpoints) endpoints.block.attributes = pick(endpoints.block.attributes, ENDPOINTS, 'endpoint');
  return {
    format_version: full.format_version,
    provider_schemas: {
      [FQPN]: {
        provider,
        resource_schemas: pick(p.resource_schemas, RESOURCES, 'resource'),
        data_source_schemas: pick(p.data_source_schemas, DATA_SOURCES, 'data source'),
      },
    },
  };
}

function render(schema) {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

module.exports = { filterSchema, render, RESOURCES, DATA_SOURCES, ENDPOINTS };

if (require.main === module) {
  let text = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (c) => {
    text += c;
  });
  process.stdin.on('end', () => {
    try {
      process.stdout.write(render(filterSchema(JSON.parse(text))));
    } catch (e) {
      process.stderr.write(`provider-schema.js: ${e.message}\n`);
      process.exit(1);
    }
  });
}
