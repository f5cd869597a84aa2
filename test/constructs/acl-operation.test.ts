import { Testing, TerraformStack } from 'cdktn';
import { KafkaAcl } from '../../lib/constructs';

type Json = { resource: { alicloud_alikafka_sasl_acl: Record<string, { acl_operation_type: string }> } };

function aclOperation(operation: 'Read' | 'Write' | 'Describe' | 'IdempotentWrite'): string {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new KafkaAcl(stack, 'a', {
    instanceId: 'i-1',
    username: 'alice',
    resourceType: operation === 'IdempotentWrite' ? 'Cluster' : 'Topic',
    resourceName: operation === 'IdempotentWrite' ? 'kafka-cluster' : 'orders',
    patternType: 'LITERAL',
    operation,
    terraformName: 'acl_1',
  });
  return (JSON.parse(Testing.synth(stack)) as Json).resource.alicloud_alikafka_sasl_acl.acl_1.acl_operation_type;
}

describe('KafkaAcl acl_operation_type', () => {
  // The provider (v1.289.0) maps only WRITE/READ/DESCRIBE read back from DescribeAcls to its own names, so
  // "IdempotentWrite" would read back as IDEMPOTENT_WRITE and force a replacement on every plan (found by the
  // rehearsal, test/rehearsal). IDEMPOTENT_WRITE is one of the values the provider's validation accepts.
  test('IdempotentWrite is written as IDEMPOTENT_WRITE; Read, Write and Describe as the provider spells them', () => {
    expect(aclOperation('IdempotentWrite')).toBe('IDEMPOTENT_WRITE');
    expect(aclOperation('Read')).toBe('Read');
    expect(aclOperation('Write')).toBe('Write');
    expect(aclOperation('Describe')).toBe('Describe');
  });
});
