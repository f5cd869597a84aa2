import * as fs from 'fs';
import * as path from 'path';
import { parseProperties } from '../../lib/sources/properties';
import { ALIKAFKA_ENDPOINTS, endpointFor } from '../../lib/alikafka/endpoints';
import { resolvePractices } from '../../lib/alikafka/client-practices';
import { chooseEndpoint, instancesFromState } from '../../lib/clients/target';
import { kafkajsTlsOptions, parseKafkajsClientConfig } from '../../lib/clients/kafkajs';
import { runCli, tmpDir } from '../helpers';

const FIXTURE = path.join(__dirname, 'fixtures', 'state-sasl.json');
const PLAN = path.join(__dirname, '..', 'golden', 'bundled-example', 'stacks', 'alikafka-migration', 'migration-plan.json');

describe('endpoints (rule module)', () => {
  test('four endpoint kinds with their ports, protocols and mechanisms', () => {
    expect(ALIKAFKA_ENDPOINTS.map((e) => [e.kind, e.port, e.securityProtocol, e.mechanisms.join('/')])).toEqual([
      ['vpc-default', 9092, 'PLAINTEXT', ''],
      ['vpc-sasl', 9094, 'SASL_PLAINTEXT', 'PLAIN/SCRAM-SHA-256'],
      ['vpc-ssl', 9095, 'SASL_SSL', 'PLAIN/SCRAM-SHA-256'],
      ['public', 9093, 'SASL_SSL', 'PLAIN/SCRAM-SHA-256'],
    ]);
  });

  test('network and auth choose the endpoint; the Internet without SASL is refused', () => {
    expect(endpointFor('vpc', 'none').port).toBe(9092);
    expect(endpointFor('vpc', 'sasl-scram').port).toBe(9094);
    expect(endpointFor('vpc', 'sasl-plain', true).port).toBe(9095);
    expect(endpointFor('public', 'sasl-plain').port).toBe(9093);
    expect(() => endpointFor('public', 'none')).toThrow(/needs SASL/);
  });
});

describe('state reader', () => {
  const doc = JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));

  test('reads the endpoint attributes, eip_max and kafka.message.max.bytes of the instance', () => {
    const [inst] = instancesFromState(doc, 'state.json');
    expect(inst.instanceId).toBe('alikafka_post-cn-abc123');
    expect(inst.eipMaxMbps).toBe(5);
    expect(inst.messageMaxBytes).toBe(6291456);
    expect(chooseEndpoint(inst, 'vpc-default', 'state.json').attribute).toBe('domain_endpoint');
    expect(chooseEndpoint(inst, 'public', 'state.json').servers).toEqual(['alikafka-post-cn-abc123-1.alikafka.aliyuncs.com:9093']);
  });

  test('an endpoint the instance does not have is an error naming the port and the attributes that are set', () => {
    const [inst] = instancesFromState(doc, 'state.json');
    expect(() => chooseEndpoint(inst, 'vpc-ssl', 'state.json')).toThrow(/no vpc-ssl endpoint \(port 9095, SASL_SSL\).*domain_endpoint \(port 9092\)/);
  });

  test('a state with two instances needs --instance-id; a plan (no values) is refused', async () => {
    const two = JSON.parse(JSON.stringify(doc));
    const second = JSON.parse(JSON.stringify(two.values.root_module.resources[0]));
    second.address = 'module.eu.alicloud_alikafka_instance.kafka';
    second.values.id = 'alikafka_post-cn-eu';
    two.values.root_module.child_modules = [{ resources: [second] }];
    const dir = tmpDir('cc-state');
    const file = path.join(dir, 'two.json');
    fs.writeFileSync(file, JSON.stringify(two));
    const r = await runCli(['client-config', '--state', file]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /2 alicloud_alikafka_instance resources .*module\.eu\.alicloud_alikafka_instance\.kafka = alikafka_post-cn-eu.*choose one with --instance-id/,
    );
    const ok = await runCli(['client-config', '--state', file, '--instance-id', 'alikafka_post-cn-eu']);
    expect(ok.code).toBe(0);
    const plan = path.join(dir, 'plan.json');
    fs.writeFileSync(plan, JSON.stringify({ format_version: '1.2', planned_values: { root_module: {} } }));
    const p = await runCli(['client-config', '--state', plan]);
    expect(p.code).toBe(1);
    expect(p.err).toMatch(/a state, not a plan/);
  });

  test('a value is taken by its port when an attribute holds another endpoint than its name says', () => {
    const swapped = JSON.parse(JSON.stringify(doc));
    const v = swapped.values.root_module.resources[0].values;
    v.vpc_sasl_domain_endpoint = v.sasl_domain_endpoint; // port 9094 under the 9095 attribute
    v.sasl_domain_endpoint = '';
    const [inst] = instancesFromState(swapped, 'state.json');
    expect(chooseEndpoint(inst, 'vpc-sasl', 'state.json').attribute).toBe('vpc_sasl_domain_endpoint');
    expect(() => chooseEndpoint(inst, 'vpc-ssl', 'state.json')).toThrow(/no vpc-ssl endpoint/);
  });
});

describe('practices', () => {
  test('large-messages derives fetch sizes a little above the largest message and max.poll.records=1', () => {
    const r = resolvePractices('consumer', ['large-messages'], { maxMessageBytes: 5 * 1024 * 1024 });
    const v = Object.fromEntries(r.map((x) => [x.practice.key, x.value]));
    expect(v['max.poll.records']).toBe('1');
    expect(Number(v['fetch.max.bytes'])).toBeGreaterThan(5 * 1024 * 1024);
    expect(Number(v['fetch.max.bytes'])).toBeLessThan(6 * 1024 * 1024);
    expect(v['max.partition.fetch.bytes']).toBe(v['fetch.max.bytes']);
  });

  test('public-internet: fetch.max.bytes half the bandwidth, a quarter of that per partition', () => {
    const r = resolvePractices('consumer', ['public-internet'], { publicBandwidthBytesPerSecond: 1_000_000 });
    const v = Object.fromEntries(r.map((x) => [x.practice.key, x.value]));
    expect(v['fetch.max.bytes']).toBe('500000');
    expect(v['max.partition.fetch.bytes']).toBe('125000');
  });

  test('a derived value without its input names the option to give', () => {
    expect(() => resolvePractices('producer', ['large-messages'])).toThrow(/give `maxMessageBytes`/);
  });
});

describe('client-config', () => {
  test('properties from an applied state: SASL endpoint, SCRAM, password as a reference, renames from the plan', async () => {
    const r = await runCli(['client-config', '--state', FIXTURE, '--auth', 'sasl-scram', '--role', 'consumer', '--group', 'cg', '--plan', PLAN]);
    expect(r.code).toBe(0);
    const p = parseProperties(r.out);
    expect(p.get('bootstrap.servers')).toBe(
      'alikafka-post-cn-abc123-1-vpc.alikafka.aliyuncs.com:9094,alikafka-post-cn-abc123-2-vpc.alikafka.aliyuncs.com:9094',
    );
    expect(p.get('security.protocol')).toBe('SASL_PLAINTEXT');
    expect(p.get('sasl.mechanism')).toBe('SCRAM-SHA-256');
    expect(p.get('sasl.jaas.config')).toContain('password="${env:ALIKAFKA_SASL_PASSWORD}"');
    expect(p.get('config.providers')).toBe('env');
    expect(p.get('auto.offset.reset')).toBe('latest');
    // cg is renamed by the plan (too short): the config uses the target name and says why
    expect(p.get('group.id')).toBe('cg_');
    expect(r.out).toMatch(/# renamed by the migration plan from cg: /);
    expect(r.out).toMatch(/# {3}topic ab -> ab_ \(/);
  });

  test('same input, byte-identical output', async () => {
    const argv = [
      'client-config',
      '--state',
      FIXTURE,
      '--auth',
      'sasl-plain',
      '--network',
      'public',
      '--role',
      'consumer',
      '--group',
      'billing',
      '--profile',
      'public-internet',
      '--format',
      'kafkajs',
    ];
    const a = await runCli(argv);
    const b = await runCli(argv);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    const json = JSON.parse(a.out);
    // eip_max 5 Mbit/s = 625000 B/s: half of it per fetch
    expect(json.consumer).toMatchObject({ groupId: 'billing', maxBytes: 312500, maxBytesPerPartition: 78125, fromBeginning: false });
    expect(json.kafka).toMatchObject({
      ssl: { truststore: { location: '${env:ALIKAFKA_TRUSTSTORE_LOCATION}', password: '${env:ALIKAFKA_TRUSTSTORE_PASSWORD}' } },
      sasl: { mechanism: 'plain', password: '${env:ALIKAFKA_SASL_PASSWORD}' },
    });
  });

  describe('host-name verification on SASL_SSL endpoints, decided by the instance version', () => {
    const ssl = ['--bootstrap', 'alikafka-x-1.alikafka.aliyuncs.com:9093', '--network', 'public', '--auth', 'sasl-plain'];
    const IDENT = /^ssl\.endpoint\.identification\.algorithm=$/m;

    test('a 2.x instance (the plan says 2.6.2): ssl.endpoint.identification.algorithm= is a real setting, with the reason', async () => {
      const r = await runCli(['client-config', ...ssl, '--plan', PLAN]);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(IDENT);
      expect(parseProperties(r.out).get('ssl.endpoint.identification.algorithm')).toBe('');
      expect(r.out).toMatch(/# instance version 2\.6\.2 \(2\.x\): .*the chain is still verified.* \(version from --plan .*instance\.serviceVersion\)\n/);
      expect(parseProperties(r.out).get('ssl.truststore.password')).toBe('${env:ALIKAFKA_TRUSTSTORE_PASSWORD}');
    });

    test('the version from an applied state (service_version 2.2.0)', async () => {
      const state = path.join(tmpDir('cc-version'), 'state.json');
      fs.writeFileSync(state, fs.readFileSync(FIXTURE, 'utf8').replace('"eip_max"', '"service_version": "2.2.0", "eip_max"'));
      const r = await runCli(['client-config', '--state', state, '--network', 'public', '--auth', 'sasl-plain']);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(IDENT);
      expect(r.out).toContain(`version from --state ${state}: alicloud_alikafka_instance.kafka.service_version`);
    });

    test('without a known version, or on an endpoint without TLS, there is no such setting', async () => {
      const unknown = await runCli(['client-config', ...ssl]);
      expect(unknown.code).toBe(0);
      expect(parseProperties(unknown.out).has('ssl.endpoint.identification.algorithm')).toBe(false);
      const plaintext = await runCli(['client-config', '--bootstrap', 'h:9094', '--auth', 'sasl-plain', '--plan', PLAN]);
      expect(plaintext.code).toBe(0);
      expect(plaintext.out).not.toContain('ssl.endpoint.identification.algorithm');
    });

    test('librdkafka writes none; the kafkajs helper turns the host-name check off and reads the JKS truststore', async () => {
      const rd = await runCli(['client-config', ...ssl, '--plan', PLAN, '--format', 'librdkafka']);
      expect(parseProperties(rd.out).get('ssl.endpoint.identification.algorithm')).toBe('none');
      const kj = await runCli(['client-config', ...ssl, '--plan', PLAN, '--format', 'kafkajs']);
      const cfg = parseKafkajsClientConfig(JSON.parse(kj.out), 'cfg.json', {
        ALIKAFKA_SASL_PASSWORD: 'x',
        ALIKAFKA_SASL_USERNAME: 'u',
        ALIKAFKA_TRUSTSTORE_LOCATION: path.join(__dirname, '..', 'fixtures', 'tls', 'truststore.jks'),
        ALIKAFKA_TRUSTSTORE_PASSWORD: 'fixture-secret',
      });
      expect(cfg.kafka.ssl).toEqual({ truststore: expect.objectContaining({ password: 'fixture-secret' }), checkHostname: false });
      const tls = kafkajsTlsOptions(cfg.kafka.ssl) as { ca: string[]; checkServerIdentity?: unknown };
      expect(tls.ca).toHaveLength(1);
      expect(typeof tls.checkServerIdentity).toBe('function');
    });
  });

  test('the kafkajs config resolves its references when loaded, and a missing variable is named', async () => {
    const r = await runCli([
      'client-config',
      '--bootstrap',
      'alikafka-x-1-vpc.alikafka.aliyuncs.com:9094',
      '--auth',
      'sasl-scram',
      '--format',
      'kafkajs',
      '--user',
      'app',
    ]);
    expect(r.code).toBe(0);
    const cfg = parseKafkajsClientConfig(JSON.parse(r.out), 'cfg.json', { ALIKAFKA_SASL_PASSWORD: 'pw-from-env' });
    expect(cfg.kafka.sasl).toEqual({ mechanism: 'scram-sha-256', username: 'app', password: 'pw-from-env' });
    expect(cfg.kafka.retry).toEqual({ retries: 3, initialRetryTime: 1000 });
    expect(() => parseKafkajsClientConfig(JSON.parse(r.out), 'cfg.json', {})).toThrow(/ALIKAFKA_SASL_PASSWORD is not set/);
  });

  test('librdkafka: two SASL properties, lower-case protocol, murmur2 partitioner', async () => {
    const r = await runCli(['client-config', '--bootstrap', 'h:9094', '--auth', 'sasl-plain', '--format', 'librdkafka']);
    expect(r.code).toBe(0);
    const p = parseProperties(r.out);
    expect(p.get('security.protocol')).toBe('sasl_plaintext');
    expect(p.get('sasl.mechanisms')).toBe('PLAIN');
    expect(p.get('sasl.password')).toBe('${env:ALIKAFKA_SASL_PASSWORD}');
    expect(p.get('partitioner')).toBe('murmur2_random');
    expect(p.get('queue.buffering.max.kbytes')).toBe('32768');
  });

  test('a clear-text password is refused; --out writes nothing on error', async () => {
    const dir = tmpDir('cc');
    const out = path.join(dir, 'p.properties');
    const r = await runCli(['client-config', '--bootstrap', 'h:9094', '--auth', 'sasl-plain', '--password-ref', 'hunter2', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--password-ref must be a config-provider reference/);
    expect(r.err).not.toContain('hunter2');
    expect(fs.existsSync(out)).toBe(false);
  });

  test('usage errors exit 2: both sources, a port of another endpoint kind is exit 1', async () => {
    expect((await runCli(['client-config', '--state', FIXTURE, '--bootstrap', 'h:9092'])).code).toBe(2);
    expect((await runCli(['client-config', '--bootstrap', 'h:9092', '--network', 'public'])).code).toBe(2);
    expect((await runCli(['client-config', '--bootstrap', 'h:9092', '--profile', 'large-messages'])).code).toBe(2);
    const r = await runCli(['client-config', '--bootstrap', 'h:9092', '--auth', 'sasl-scram']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/port 9092 is AliKafka's vpc-default endpoint \(PLAINTEXT\).*vpc-sasl endpoint \(port 9094/);
  });

  test('a consumer needs a group', async () => {
    const r = await runCli(['client-config', '--bootstrap', 'h:9092', '--role', 'consumer']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/needs --group/);
  });
});
