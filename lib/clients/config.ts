/**
 * Client configurations for the target instance, in three formats: Java `.properties`, the kafkajs helper's
 * JSON (`lib/clients/kafkajs.ts` reads it), and librdkafka properties. One model, three renderers, so the
 * formats cannot disagree; every best-practice value comes from `lib/alikafka/client-practices.ts` with its
 * reason, and the endpoint facts from `lib/alikafka/endpoints.ts`. Output is deterministic.
 */
import { adviceFor, ClientRole, PracticeParams, PracticeProfile, ResolvedPractice, resolvePractices } from '../alikafka/client-practices';
import { ALIKAFKA_TLS_NOTE, ClientAuth, endpointIdentificationFor, EndpointSpec, saslMechanismFor } from '../alikafka/endpoints';
import type { NameChange, PlanNames } from './plan-names';
import { configProviderProperties, DEFAULT_PASSWORD_REF, DEFAULT_USERNAME_REF, isSecretRef } from './secrets';
import { ClientConfigError } from './target';
import { librdkafkaValueProblem, propertiesComment, propertiesLine } from '../util/escape';

export type ClientConfigFormat = 'properties' | 'kafkajs' | 'librdkafka';

export interface ClientConfigInput {
  readonly role: ClientRole;
  readonly endpoint: EndpointSpec;
  readonly servers: readonly string[];
  /** Where the servers came from, for the header (`--state FILE: address.attribute` or `--bootstrap`). */
  readonly serversFrom: string;
  readonly auth: ClientAuth;
  /** SASL user name: a literal name or a reference. @default ${env:ALIKAFKA_SASL_USERNAME} */
  readonly username?: string;
  /** SASL password: a reference only. @default ${env:ALIKAFKA_SASL_PASSWORD} */
  readonly passwordRef?: string;
  /** Consumer group (target name). Required for consumers. */
  readonly group?: string;
  readonly clientId?: string;
  readonly profiles?: readonly PracticeProfile[];
  readonly params?: PracticeParams;
  /** The plan's renames (client-config --plan); the group is mapped through them. */
  readonly names?: PlanNames;
  /** Where the names came from, for the header. */
  readonly namesFrom?: string;
  /** The instance's `service_version` (from --state or --plan): decides host-name verification on SASL_SSL endpoints. */
  readonly serviceVersion?: string;
  /** Where the version came from, for the comment. */
  readonly serviceVersionFrom?: string;
}

/** One line of configuration with the reason shown next to it. */
export interface ConfigSetting {
  readonly key: string;
  readonly value: string;
  readonly comment?: string;
  /** The practice it comes from, when it is a best-practice value. */
  readonly practice?: string;
}

export interface ClientConfigModel {
  readonly input: ClientConfigInput;
  readonly connection: readonly ConfigSetting[];
  readonly practices: readonly ResolvedPractice[];
  readonly advice: readonly string[];
  /** The group after the plan's renames, and the rename when there was one. */
  readonly group?: string;
  readonly groupRename?: NameChange;
}

/** The truststore comment once host-name verification is decided from the instance version. */
const TRUSTSTORE_NOTE =
  "the SASL_SSL endpoints present a certificate from Alibaba: download the client truststore (JKS) that Alibaba's guide names for your instance; PKCS12 (ssl.truststore.type=PKCS12) and PEM (ssl.truststore.type=PEM) work too";

/** Validates the input and works out every value. Throws ClientConfigError naming the option at fault. */
export function buildClientConfig(input: ClientConfigInput): ClientConfigModel {
  const passwordRef = input.passwordRef ?? DEFAULT_PASSWORD_REF;
  if (!isSecretRef(passwordRef)) {
    throw new ClientConfigError(
      'passwordRef must be a config-provider reference such as ${env:ALIKAFKA_SASL_PASSWORD} or ${file:/etc/kafka/secrets.properties:password}; passwords are never written in clear',
      { field: 'passwordRef' },
    );
  }
  const username = input.username ?? DEFAULT_USERNAME_REF;
  if (/["\\\s]/.test(username))
    throw new ClientConfigError(`username ${JSON.stringify(username)}: a SASL user name has no quotes, backslashes or spaces`, { field: 'username' });
  const mechanism = saslMechanismFor(input.auth);
  if (mechanism && !input.endpoint.mechanisms.includes(mechanism)) {
    throw new ClientConfigError(
      `the ${input.endpoint.kind} endpoint (port ${input.endpoint.port}) offers ${input.endpoint.mechanisms.join(', ') || 'no SASL'}, not ${mechanism}`,
    );
  }
  if (!mechanism && input.endpoint.mechanisms.length > 0) {
    throw new ClientConfigError(
      `the ${input.endpoint.kind} endpoint (port ${input.endpoint.port}, ${input.endpoint.securityProtocol}) needs SASL: use \`auth\` sasl-plain or sasl-scram`,
      { field: 'auth' },
    );
  }
  if (input.servers.length === 0) throw new ClientConfigError('no bootstrap servers');

  let group = input.group;
  let groupRename: NameChange | undefined;
  if (input.role === 'consumer') {
    if (!group)
      throw new ClientConfigError(
        'a consumer configuration needs `group` (the consumer group on the target; a source name is mapped through the plan with `names`)',
        { field: 'group' },
      );
    groupRename = input.names?.groups.get(group);
    if (groupRename) group = groupRename.to;
  } else if (group !== undefined) {
    throw new ClientConfigError('group applies to `role` consumer only', { field: 'group' });
  }

  const connection: ConfigSetting[] = [];
  connection.push({ key: 'bootstrap.servers', value: input.servers.join(','), comment: `${input.endpoint.kind} endpoint, from ${input.serversFrom}` });
  if (input.clientId) connection.push({ key: 'client.id', value: input.clientId });
  connection.push({
    key: 'security.protocol',
    value: input.endpoint.securityProtocol,
    comment: `port ${input.endpoint.port} speaks ${input.endpoint.securityProtocol}`,
  });
  if (mechanism) {
    connection.push({ key: 'sasl.mechanism', value: mechanism, comment: `this endpoint offers ${input.endpoint.mechanisms.join(', ')}` });
    const module =
      mechanism === 'PLAIN' ? 'org.apache.kafka.common.security.plain.PlainLoginModule' : 'org.apache.kafka.common.security.scram.ScramLoginModule';
    connection.push({
      key: 'sasl.jaas.config',
      value: `${module} required username="${username}" password="${passwordRef}";`,
      comment: 'the password is a config-provider reference, resolved by the client; never write it here',
    });
  }
  if (input.endpoint.tls) {
    const identification = endpointIdentificationFor(input.endpoint, input.serviceVersion);
    connection.push({
      key: 'ssl.truststore.location',
      value: '${env:ALIKAFKA_TRUSTSTORE_LOCATION}',
      comment: identification ? TRUSTSTORE_NOTE : ALIKAFKA_TLS_NOTE,
    });
    connection.push({ key: 'ssl.truststore.password', value: '${env:ALIKAFKA_TRUSTSTORE_PASSWORD}', comment: 'the store password is a reference too' });
    if (identification) {
      connection.push({
        key: 'ssl.endpoint.identification.algorithm',
        value: identification.value,
        comment: `${identification.reason}${input.serviceVersionFrom ? ` (version from ${input.serviceVersionFrom})` : ''}`,
      });
    }
  }
  if (input.role === 'consumer' && group) {
    connection.push({
      key: 'group.id',
      value: group,
      comment: groupRename ? `renamed by the migration plan from ${groupRename.from}: ${groupRename.reason}` : undefined,
    });
  }
  let practices: ResolvedPractice[];
  try {
    practices = resolvePractices(input.role, input.profiles ?? [], input.params ?? {});
  } catch (e) {
    throw new ClientConfigError((e as Error).message);
  }
  return { input, connection, practices, advice: adviceFor(input.role, input.profiles ?? []), group, groupRename };
}

// ---------------------------------------------------------------- rendering

function header(m: ClientConfigModel, format: ClientConfigFormat): string[] {
  const e = m.input.endpoint;
  const profiles = (m.input.profiles ?? []).length ? ` (profile: ${(m.input.profiles ?? []).join(', ')})` : '';
  return [
    `AliKafka ${m.input.role} configuration, ${format} format${profiles}. Generated by alikafka-migrate client-config.`,
    `Endpoint: ${e.kind}, ${e.network === 'vpc' ? 'VPC' : 'Internet'} port ${e.port}, ${e.securityProtocol}${e.mechanisms.length ? `, SASL ${e.mechanisms.join('/')}` : ''}.`,
    'Secrets are references (${env:NAME} or ${file:path:key}), never values.',
  ];
}

function renameLines(m: ClientConfigModel): string[] {
  const names = m.input.names;
  if (!names) return [];
  const out: string[] = [`Names the migration plan changes (from ${m.input.namesFrom ?? 'the migration plan'}): use the new names on the target.`];
  const list = (kind: string, map: ReadonlyMap<string, NameChange>): void => {
    for (const c of [...map.values()].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0)))
      out.push(`  ${kind} ${c.from} -> ${c.to} (${c.reason})`);
  };
  list('topic', names.topics);
  list('group', names.groups);
  if (names.topics.size === 0 && names.groups.size === 0) out.push('  none: every topic and group keeps its name');
  return out;
}

/** One comment line: whatever the text holds (a source name with a line break), it stays one line. */
const comment = (text: string): string => `# ${propertiesComment(text)}`;

function practiceComment(r: ResolvedPractice): string {
  const p = r.practice;
  return `${p.reason} [${p.severity} if changed; ${p.id}]`;
}

/** Java client `.properties` (also what Kafka's console tools read with --producer.config/--consumer.config). */
export function renderProperties(m: ClientConfigModel): string {
  const lines: string[] = header(m, 'properties').map(comment);
  lines.push('');
  const refs = m.connection.map((s) => s.value);
  const providers = configProviderProperties(refs);
  if (providers.length) {
    lines.push(comment('config providers resolve the ${...} references (env: Kafka clients 3.5+; file: 2.3+)'));
    for (const [k, v] of providers) lines.push(propertiesLine(k, v));
    lines.push('');
  }
  for (const s of m.connection) {
    if (s.comment) lines.push(comment(s.comment));
    lines.push(propertiesLine(s.key, s.value));
  }
  lines.push('');
  lines.push(comment(`---- ${m.input.role} best practices for AliKafka`));
  for (const r of m.practices) {
    lines.push(comment(practiceComment(r)));
    if (r.value === undefined) lines.push(comment(`${r.practice.key}: leave unset: ${(r.practice.value as { note: string }).note}`));
    else lines.push(propertiesLine(r.practice.key, r.value));
  }
  if (m.advice.length) {
    lines.push('');
    lines.push(comment('---- advice'));
    for (const a of m.advice) lines.push(comment(`- ${a}`));
  }
  const rn = renameLines(m);
  if (rn.length) {
    lines.push('');
    for (const l of rn) lines.push(comment(l));
  }
  return `${lines.join('\n')}\n`;
}

const LIBRDKAFKA_CONNECTION: Readonly<Record<string, string | undefined>> = {
  'bootstrap.servers': 'bootstrap.servers',
  'client.id': 'client.id',
  'security.protocol': 'security.protocol',
  'sasl.mechanism': 'sasl.mechanisms',
  'group.id': 'group.id',
};

/** The option each librdkafka value comes from, for the message when one cannot be written. */
const LIBRDKAFKA_FROM: Readonly<Record<string, string>> = {
  'bootstrap.servers': 'servers',
  'client.id': 'clientId',
  'group.id': 'group',
  'sasl.username': 'username',
};

/**
 * One `key=value` line of a librdkafka file. Its readers know no escapes, so a value that would need one (a line
 * break, a control character, surrounding whitespace) is refused, naming where it came from.
 */
function librdkafkaLine(key: string, value: string): string {
  const problem = librdkafkaValueProblem(value);
  if (problem !== undefined) {
    const from = LIBRDKAFKA_FROM[key];
    throw new ClientConfigError(
      `${from ?? key}: the value of ${key} ${problem}; librdkafka property files cannot hold it (use \`format\` properties or kafkajs, or set it in code)`,
      { field: from },
    );
  }
  return `${key}=${value}`;
}

/** librdkafka properties (confluent-kafka-*, kcat -F). librdkafka resolves no references: substitute them at deploy time. */
export function renderLibrdkafka(m: ClientConfigModel): string {
  const lines: string[] = header(m, 'librdkafka').map(comment);
  lines.push(comment('librdkafka does not resolve ${env:...}/${file:...}: substitute them when you deploy (e.g. envsubst) or set them in code.'));
  lines.push('');
  for (const s of m.connection) {
    const key = LIBRDKAFKA_CONNECTION[s.key];
    if (s.key === 'sasl.jaas.config') {
      lines.push(comment('librdkafka takes the SASL user and password as two properties'));
      const user = /username="([^"]*)"/.exec(s.value)?.[1] ?? DEFAULT_USERNAME_REF;
      const pass = /password="([^"]*)"/.exec(s.value)?.[1] ?? DEFAULT_PASSWORD_REF;
      lines.push(librdkafkaLine('sasl.username', user));
      lines.push(librdkafkaLine('sasl.password', pass));
      continue;
    }
    if (s.key === 'ssl.truststore.location') {
      lines.push(comment(`${ALIKAFKA_TLS_NOTE}; librdkafka needs the CA as PEM`));
      lines.push('ssl.ca.location=${env:ALIKAFKA_CA_PEM_LOCATION}');
      continue;
    }
    if (s.key === 'ssl.endpoint.identification.algorithm') {
      if (s.comment) lines.push(comment(s.comment));
      lines.push(librdkafkaLine('ssl.endpoint.identification.algorithm', s.value === '' ? 'none' : s.value));
      continue;
    }
    if (s.key === 'ssl.truststore.password' || key === undefined) continue;
    if (s.comment) lines.push(comment(s.comment));
    lines.push(librdkafkaLine(key, key === 'security.protocol' ? s.value.toLowerCase() : s.value));
  }
  lines.push('');
  lines.push(comment(`---- ${m.input.role} best practices for AliKafka`));
  if (m.input.role === 'producer') {
    lines.push(comment("keyed messages land where Java clients put them only with murmur2; librdkafka's default consistent_random (CRC32) differs"));
    lines.push('partitioner=murmur2_random');
  }
  for (const r of m.practices) {
    const key = r.practice.librdkafka;
    if (r.value === undefined) continue;
    if (!key) {
      lines.push(comment(`${r.practice.key}=${r.value}: no librdkafka equivalent (${r.practice.reason})`));
      continue;
    }
    lines.push(comment(practiceComment(r)));
    const value = key === 'queue.buffering.max.kbytes' ? String(Math.floor(Number(r.value) / 1024)) : r.value;
    lines.push(librdkafkaLine(key, value));
  }
  if (m.advice.length) {
    lines.push('');
    lines.push(comment('---- advice'));
    for (const a of m.advice) lines.push(comment(`- ${a}`));
  }
  const rn = renameLines(m);
  if (rn.length) {
    lines.push('');
    for (const l of rn) lines.push(comment(l));
  }
  return `${lines.join('\n')}\n`;
}

/** The kafkajs helper config (JSON). Shape: see `KafkajsClientConfig` in `lib/clients/kafkajs-config.ts`. */
export function renderKafkajs(m: ClientConfigModel): string {
  const e = m.input.endpoint;
  const kafka: Record<string, unknown> = { brokers: [...m.input.servers] };
  if (m.input.clientId) kafka.clientId = m.input.clientId;
  const identification = m.connection.find((s) => s.key === 'ssl.endpoint.identification.algorithm');
  if (e.tls) {
    kafka.ssl = {
      truststore: { location: '${env:ALIKAFKA_TRUSTSTORE_LOCATION}', password: '${env:ALIKAFKA_TRUSTSTORE_PASSWORD}' },
      ...(identification?.value === '' ? { checkHostname: false } : {}),
    };
  }
  const jaas = m.connection.find((s) => s.key === 'sasl.jaas.config');
  const mechanism = saslMechanismFor(m.input.auth);
  if (jaas && mechanism) {
    kafka.sasl = {
      mechanism: mechanism.toLowerCase(),
      username: /username="([^"]*)"/.exec(jaas.value)?.[1] ?? DEFAULT_USERNAME_REF,
      password: /password="([^"]*)"/.exec(jaas.value)?.[1] ?? DEFAULT_PASSWORD_REF,
    };
  }
  const sections: Record<string, Record<string, unknown>> = { kafka, [m.input.role]: {} };
  if (m.input.role === 'consumer' && m.group) sections.consumer.groupId = m.group;
  const notes: Record<string, string> = {};
  const unsupported: string[] = [];
  for (const r of m.practices) {
    const path = r.practice.kafkajs;
    if (r.value === undefined) continue;
    if (!path) {
      unsupported.push(`${r.practice.key}=${r.value}: ${r.practice.reason}`);
      continue;
    }
    const [section, ...rest] = path.split('.');
    let target = sections[section] ?? (sections[section] = {});
    for (const part of rest.slice(0, -1)) target = (target[part] ?? (target[part] = {})) as Record<string, unknown>;
    const leaf = rest[rest.length - 1];
    let value: unknown = /^-?\d+$/.test(r.value) ? Number(r.value) : r.value;
    if (path === 'consumer.fromBeginning') value = r.value === 'earliest';
    if (path === 'producer.acks') value = r.value === 'all' ? -1 : Number(r.value);
    target[leaf] = value;
    notes[path] = `${r.practice.key}: ${r.practice.reason}`;
  }
  const out: Record<string, unknown> = {
    comment: header(m, 'kafkajs').join(' '),
    endpoint: { kind: e.kind, port: e.port, securityProtocol: e.securityProtocol, from: m.input.serversFrom },
    ...sections,
    notes,
  };
  if (e.tls) notes['kafka.ssl'] = identification?.comment ? `${TRUSTSTORE_NOTE}; checkHostname: ${identification.comment}` : ALIKAFKA_TLS_NOTE;
  if (m.input.role === 'producer')
    notes['producer.partitioner'] = "createProducer uses a sticky partitioner for keyless messages and Java's murmur2 for keyed ones";
  if (unsupported.length) out.notKafkajs = unsupported;
  if (m.advice.length) out.advice = [...m.advice];
  if (m.groupRename) notes['consumer.groupId'] = `renamed by the migration plan from ${m.groupRename.from}: ${m.groupRename.reason}`;
  const names = m.input.names;
  if (names) {
    const obj = (map: ReadonlyMap<string, NameChange>): Record<string, string> =>
      Object.fromEntries([...map.values()].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0)).map((c) => [c.from, c.to]));
    out.renames = { from: m.input.namesFrom ?? 'the migration plan', topics: obj(names.topics), groups: obj(names.groups) };
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}

export function renderClientConfig(m: ClientConfigModel, format: ClientConfigFormat): string {
  return format === 'properties' ? renderProperties(m) : format === 'kafkajs' ? renderKafkajs(m) : renderLibrdkafka(m);
}
