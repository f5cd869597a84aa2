import { rule } from '../../../lib/clients/lint-rules/sasl-mechanism';
import { props, run } from './helpers';

const base = 'bootstrap.servers=alikafka-post-cn-x-1-vpc.alikafka.aliyuncs.com:9094\nsecurity.protocol=SASL_PLAINTEXT\n';

describe('sasl-mechanism', () => {
  test('fires on SCRAM-SHA-512 and on the GSSAPI default', () => {
    expect(run(rule, props(`${base}sasl.mechanism=SCRAM-SHA-512`))).toEqual([
      expect.objectContaining({ severity: 'error', current: 'SCRAM-SHA-512', recommended: 'PLAIN or SCRAM-SHA-256' }),
    ]);
    expect(run(rule, props(base))).toEqual([expect.objectContaining({ current: 'GSSAPI (default)' })]);
  });
  test('quiet on PLAIN and SCRAM-SHA-256, and for a cluster that is not AliKafka', () => {
    expect(run(rule, props(`${base}sasl.mechanism=SCRAM-SHA-256`))).toEqual([]);
    expect(run(rule, props(`${base}sasl.mechanism=PLAIN`))).toEqual([]);
    expect(run(rule, props('bootstrap.servers=kafka.internal:9094\nsecurity.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512'))).toEqual([]);
  });
});
