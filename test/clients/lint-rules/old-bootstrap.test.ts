import { rule } from '../../../lib/clients/lint-rules/old-bootstrap';
import { names, props, run, target } from './helpers';

describe('old-bootstrap', () => {
  test('fires on a broker of the source cluster (--metadata)', () => {
    const f = run(rule, props('bootstrap.servers=10.0.0.5:9092,alikafka-post-cn-x-1-vpc.alikafka.aliyuncs.com:9092'), {
      names: names({ sourceServers: ['10.0.0.5:9092'] }),
    });
    expect(f).toEqual([expect.objectContaining({ severity: 'error', reason: expect.stringMatching(/^10\.0\.0\.5:9092 is a broker of the source cluster/) })]);
  });
  test('fires on a server that is not an endpoint of the target (--state)', () => {
    expect(run(rule, props('bootstrap.servers=kafka.example.com:9092'), { target: target() })).toHaveLength(1);
  });
  test("quiet on the target's endpoints, and without --metadata or --state", () => {
    expect(
      run(rule, props('bootstrap.servers=ALIKAFKA-post-cn-x-1-vpc.alikafka.aliyuncs.com:9094'), {
        target: target(),
        names: names({ sourceServers: ['10.0.0.5:9092'] }),
      }),
    ).toEqual([]);
    expect(run(rule, props('bootstrap.servers=10.0.0.5:9092'))).toEqual([]);
  });
});
