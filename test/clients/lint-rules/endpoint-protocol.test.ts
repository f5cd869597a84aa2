import { rule } from '../../../lib/clients/lint-rules/endpoint-protocol';
import { props, run, target } from './helpers';

const host = 'alikafka-post-cn-x-1-vpc.alikafka.aliyuncs.com';

describe('endpoint-protocol', () => {
  test('fires on SASL_SSL against the SASL_PLAINTEXT port 9094, and on a port AliKafka does not listen on', () => {
    expect(run(rule, props(`bootstrap.servers=${host}:9094\nsecurity.protocol=SASL_SSL`))).toEqual([
      expect.objectContaining({ severity: 'error', key: 'security.protocol', current: 'SASL_SSL', recommended: 'SASL_PLAINTEXT' }),
    ]);
    expect(run(rule, props(`bootstrap.servers=${host}:9096`))).toEqual([
      expect.objectContaining({
        key: 'bootstrap.servers',
        reason: 'AliKafka endpoints listen on these ports only',
        recommended: expect.stringMatching(/9092 \(PLAINTEXT\).*9093 \(SASL_SSL\)/),
      }),
    ]);
  });
  test('fires on the default PLAINTEXT against an endpoint IP of the target state on 9093', () => {
    const t = target();
    expect(run(rule, props('bootstrap.servers=alikafka-post-cn-x-1.alikafka.aliyuncs.com:9093'), { target: t })).toEqual([
      expect.objectContaining({ recommended: 'SASL_SSL' }),
    ]);
  });
  test('quiet when the protocol matches the port, and for servers that are not AliKafka', () => {
    expect(run(rule, props(`bootstrap.servers=${host}:9094\nsecurity.protocol=SASL_PLAINTEXT`))).toEqual([]);
    expect(run(rule, props(`bootstrap.servers=${host}:9092`))).toEqual([]);
    expect(run(rule, props('bootstrap.servers=kafka.internal:9094\nsecurity.protocol=SASL_SSL'))).toEqual([]);
  });
});
