/**
 * Where the keys of the generated mm2.properties land, as MirrorMaker 2 itself computes it: a small Java class
 * (compiled against the rig's Kafka 3.9 jars, in MirrorMaker's package for its package-private accessors) loads
 * the file with MirrorMakerConfig and prints the worker's producer settings (the data producer), the replication
 * consumer's and the admin clients' configs. Every key of the client properties files must reach a client.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { describeWithRig, runCli, tmpDir } from './rig';
import { kafka39Lib } from './mirror-procs';

const ORACLE = `package org.apache.kafka.connect.mirror;
import java.io.FileInputStream;
import java.util.*;
public class RouteOracle {
  public static void main(String[] a) throws Exception {
    Properties p = new Properties();
    try (FileInputStream in = new FileInputStream(a[0])) { p.load(in); }
    Map<String, String> m = new HashMap<>();
    for (String k : p.stringPropertyNames()) m.put(k, p.getProperty(k));
    MirrorMakerConfig c = new MirrorMakerConfig(m);
    SourceAndTarget st = new SourceAndTarget("src", "ali");
    new TreeMap<>(c.workerConfig(st)).forEach((k, v) -> { if (k.startsWith("producer.")) System.out.println("worker." + k + "=" + v); });
    MirrorSourceConfig sc = new MirrorSourceConfig(c.connectorBaseConfig(st, MirrorSourceConnector.class));
    new TreeMap<>(sc.sourceConsumerConfig("replication-consumer")).forEach((k, v) -> System.out.println("replication-consumer." + k + "=" + v));
    new TreeMap<>(sc.sourceAdminConfig("x")).forEach((k, v) -> System.out.println("source-admin." + k + "=" + v));
    new TreeMap<>(sc.targetAdminConfig("x")).forEach((k, v) -> System.out.println("target-admin." + k + "=" + v));
  }
}
`;

describeWithRig("mirror: every key of the client properties reaches its client, as MirrorMaker 2's own config classes route it", (env) => {
  test('sizes from the plan reach the data producer and the replication consumer; the files\u2019 keys reach producer, consumer and admins', async () => {
    const t0 = Date.now();
    const dir = tmpDir('mirror-routing');
    const meta = path.join(dir, 'meta.json');
    fs.writeFileSync(
      meta,
      JSON.stringify({
        formatVersion: 1,
        source: { kind: 'manual', clusterId: 'routing' },
        topics: [{ name: 'blobs', partitions: 2, configs: { 'max.message.bytes': '5242880' } }],
        consumerGroups: [],
      }),
    );
    const src = path.join(dir, 'source.properties');
    fs.writeFileSync(src, 'max.poll.records=5000\nclient.dns.lookup=use_all_dns_ips\ndefault.api.timeout.ms=70000\n');
    const tgt = path.join(dir, 'target.properties');
    fs.writeFileSync(tgt, 'security.protocol=PLAINTEXT\nrequest.timeout.ms=45000\nacks=1\nretries=7\n');
    const out = path.join(dir, 'mirror');
    // synth plans MirrorMaker (dedicated needs the edition with local storage); mirror renders the plan file
    const synthOut = path.join(dir, 'synth');
    const planned = await runCli([
      'synth',
      '--metadata',
      meta,
      '--region',
      'cn-hangzhou',
      '--zone-id',
      'cn-hangzhou-k',
      '--spec-type',
      'professional',
      '--mirror',
      'dedicated',
      '--out',
      synthOut,
    ]);
    expect(planned.err).toBe('');
    const gen = await runCli([
      'mirror',
      '--plan',
      path.join(synthOut, 'stacks', 'alikafka-migration', 'migration-plan.json'),
      '--source-bootstrap',
      '10.0.0.1:9092',
      '--target-bootstrap',
      '10.0.0.2:9092',
      '--source-properties',
      src,
      '--target-properties',
      tgt,
      '--out',
      out,
    ]);
    expect(gen.code).toBe(0);
    const lib = kafka39Lib(env.classpath);
    const classes = path.join(dir, 'classes');
    fs.mkdirSync(classes);
    const java = path.join(dir, 'RouteOracle.java');
    fs.writeFileSync(java, ORACLE);
    execFileSync('javac', ['-nowarn', '-cp', `${lib}/*`, '-d', classes, java], { stdio: ['ignore', 'pipe', 'pipe'] });
    const printed = execFileSync(
      'java',
      ['-cp', `${lib}/*${path.delimiter}${classes}`, 'org.apache.kafka.connect.mirror.RouteOracle', path.join(out, 'mm2.properties')],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const seen = new Map(
      printed
        .trim()
        .split('\n')
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as const),
    );
    const need = String(5242880 + 64 * 1024);
    expect({
      producerMaxRequest: seen.get('worker.producer.max.request.size'),
      consumerPartitionFetch: seen.get('replication-consumer.max.partition.fetch.bytes'),
      consumerFetchMax: Number(seen.get('replication-consumer.fetch.max.bytes')) >= Number(need),
    }).toEqual({ producerMaxRequest: need, consumerPartitionFetch: need, consumerFetchMax: true });
    // the target file: producer keys on the data producer, the every-client key on producer and admin, admin's retries
    expect(seen.get('worker.producer.acks')).toBe('1');
    expect(seen.get('worker.producer.request.timeout.ms')).toBe('45000');
    expect(seen.get('worker.producer.retries')).toBe('7');
    expect(seen.get('target-admin.request.timeout.ms')).toBe('45000');
    expect(seen.get('target-admin.retries')).toBe('7');
    // the source file: consumer keys on the replication consumer, the rest on the source admin too
    expect(seen.get('replication-consumer.max.poll.records')).toBe('5000');
    expect(seen.get('replication-consumer.client.dns.lookup')).toBe('use_all_dns_ips');
    expect(seen.get('replication-consumer.default.api.timeout.ms')).toBe('70000');
    expect(seen.get('source-admin.client.dns.lookup')).toBe('use_all_dns_ips');
    expect(seen.get('source-admin.default.api.timeout.ms')).toBe('70000');
    console.log(`mirror-routing: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }, 120_000);
});
