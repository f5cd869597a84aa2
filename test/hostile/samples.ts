/**
 * Hostile input for the tests of issue 19: strings that Terraform would evaluate, that would start a new line in a
 * properties file, or that change how a terminal shows the text around them, placed in every string field of the
 * metadata.
 */
import type { ClusterMetadata } from '../../lib/model';

/** One string of each kind the tool must never execute or let break a line. */
export const HOSTILE_STRINGS: readonly string[] = [
  '${file("/etc/hostname")}',
  '%{ if true }x%{ endif }',
  '$${already-escaped}',
  'a\nbootstrap.servers=evil:9092',
  'a\rsasl.jaas.config=evil',
  'a\ninjected.from.data=1',
  'a\r\n  injected.after.crlf : 1',
  'form\ffeed',
  'line\u2028sep\u2029para',
  '\\back\\slash\\',
  '#comment',
  '!bang',
  ' leading space',
  'nul\u0000byte',
  'bidi\u202eevil\u202c',
  'isolate\u2066x\u2069',
  'esc\u001b[31mred',
  '<summary>html</summary>&amp;',
];

/**
 * Metadata with `s` in every string field the plan reads: cluster ID, broker host and rack, topic names and config
 * values, group IDs and their topics, user names, ACL principals, resource names of all four types and hosts.
 * The ordinary objects next to them keep the plan non-trivial.
 */
export function hostileMetadata(s: string, suffix = ''): ClusterMetadata {
  const topic = `t${suffix}${s}`;
  const group = `g${suffix}${s}`;
  const user = `u${suffix}${s}`;
  return {
    formatVersion: 1,
    source: { kind: 'manual', clusterId: `c${s}`, kafkaVersion: '3.7.1' },
    brokers: [{ id: 1, host: `h${s}`, port: 9092, rack: `r${s}` }],
    topics: [
      { name: 'orders', partitions: 6, replicationFactor: 3 },
      { name: topic, partitions: 3, replicationFactor: 3, configs: { 'retention.ms': '86400000', 'cleanup.policy': 'delete', [`x.${s}`]: s } },
      { name: 'compacted', partitions: 3, replicationFactor: 3, configs: { 'cleanup.policy': 'compact', 'min.compaction.lag.ms': '60000' } },
    ],
    consumerGroups: [
      { groupId: 'billing', topics: ['orders'] },
      { groupId: group, topics: [topic, 'orders'] },
    ],
    users: [{ name: 'alice', mechanism: 'SCRAM-SHA-256' }, { name: user }],
    acls: [
      { principal: 'User:alice', resourceType: 'Topic', resourceName: 'orders', patternType: 'LITERAL', operation: 'Read', permission: 'Allow', host: '*' },
      { principal: `User:${user}`, resourceType: 'Topic', resourceName: topic, patternType: 'LITERAL', operation: 'Write', permission: 'Allow', host: '*' },
      { principal: `User:${user}`, resourceType: 'Topic', resourceName: topic, patternType: 'LITERAL', operation: 'Read', permission: 'Allow', host: s },
      {
        principal: `User:${user}`,
        resourceType: 'Topic',
        resourceName: topic,
        patternType: 'LITERAL',
        operation: 'Describe',
        permission: 'Allow',
        host: '10.0.0.7',
      },
      { principal: `User:${user}`, resourceType: 'Group', resourceName: group, patternType: 'LITERAL', operation: 'Read', permission: 'Allow', host: '*' },
      { principal: `User:${user}`, resourceType: 'Group', resourceName: `g${s}`, patternType: 'PREFIXED', operation: 'Read', permission: 'Allow', host: '*' },
      {
        principal: `User:${user}`,
        resourceType: 'TransactionalId',
        resourceName: `tx${s}`,
        patternType: 'PREFIXED',
        operation: 'Write',
        permission: 'Allow',
        host: '*',
      },
      {
        principal: `User:${user}`,
        resourceType: 'TransactionalId',
        resourceName: `tx${s}`,
        patternType: 'LITERAL',
        operation: 'Describe',
        permission: 'Allow',
      },
      {
        principal: `User:${user}`,
        resourceType: 'Cluster',
        resourceName: `kafka-cluster${s}`,
        patternType: 'LITERAL',
        operation: 'IdempotentWrite',
        permission: 'Allow',
        host: '*',
      },
      { principal: `User:${s}`, resourceType: 'Topic', resourceName: 'orders', patternType: 'LITERAL', operation: 'Read', permission: 'Allow', host: '*' },
    ],
  } as ClusterMetadata;
}

/** Every string in a JSON value (keys too), with its path. */
export function stringsOf(v: unknown, path = '$'): Array<{ path: string; value: string }> {
  const out: Array<{ path: string; value: string }> = [];
  const walk = (x: unknown, p: string): void => {
    if (typeof x === 'string') out.push({ path: p, value: x });
    else if (Array.isArray(x)) x.forEach((y, i) => walk(y, `${p}[${i}]`));
    else if (x !== null && typeof x === 'object')
      for (const [k, y] of Object.entries(x)) {
        out.push({ path: `${p}{key}`, value: k });
        walk(y, `${p}.${k}`);
      }
  };
  walk(v, path);
  return out;
}

/** The attributes where the stack itself puts references to other objects and variables. */
const REFERENCE_KEYS = new Set(['instance_id', 'password', 'value', 'vpc_id', 'vswitch_id', 'security_group']);
const REFERENCE = /^\$\{(?:var\.[A-Za-z0-9_-]+|alicloud_[a-z_]+\.[A-Za-z0-9_-]+\.[a-z_]+)\}$/;

/**
 * The strings of a synthesized `cdk.tf.json` that Terraform would evaluate, other than the references the stack
 * makes itself (a whole-string `${var.x}` or `${alicloud_type.name.attribute}` in a reference attribute).
 */
export function evaluatedStrings(tfJson: unknown, hasTemplate: (s: string) => boolean): Array<{ path: string; value: string }> {
  return stringsOf(tfJson).filter(({ path, value }) => {
    if (!hasTemplate(value)) return false;
    const key = /\.([a-z_]+)$/.exec(path)?.[1];
    return !(key !== undefined && REFERENCE_KEYS.has(key) && REFERENCE.test(value));
  });
}
