/**
 * JAAS login configuration, the two ways a Java Kafka client takes it: inline in `sasl.jaas.config`, or from a
 * JAAS file named by the system property `java.security.auth.login.config` (Alibaba's guide passes it through
 * `KAFKA_OPTS=-Djava.security.auth.login.config=/path/kafka_client_jaas.conf`), whose `KafkaClient` section holds
 * the login module. Only the PLAIN and SCRAM login modules carry a user name and password the tool can use.
 * Secrets are never put in a message.
 */
import { readUserFile } from '../util/fs';
import { SourceError } from './errors';

/** One login module entry: `<module class> <flag> key="value" ...;`. */
export interface JaasEntry {
  readonly module: string;
  readonly flag: string;
  readonly options: ReadonlyMap<string, string>;
}

/** The login modules the tool's own clients can use, by the SASL mechanisms each serves. */
const MODULES: Readonly<Record<string, { readonly short: string; readonly mechanisms: readonly string[] }>> = {
  'org.apache.kafka.common.security.plain.PlainLoginModule': { short: 'PlainLoginModule', mechanisms: ['PLAIN'] },
  'org.apache.kafka.common.security.scram.ScramLoginModule': { short: 'ScramLoginModule', mechanisms: ['SCRAM-SHA-256', 'SCRAM-SHA-512'] },
};

/** The system property naming the JAAS file, and the section a Kafka client reads. */
export const JAAS_PROPERTY = 'java.security.auth.login.config';
export const KAFKA_CLIENT_SECTION = 'KafkaClient';

const ENTRY = /^\s*([\w.$]+)\s+(required|requisite|sufficient|optional)\b([\s\S]*)$/i;
const OPTION = /([\w.-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;"]+))/g;

function parseEntry(text: string): JaasEntry | undefined {
  const m = ENTRY.exec(text);
  if (!m) return undefined;
  const options = new Map<string, string>();
  const rest = m[3].replace(/;\s*$/, '');
  let o: RegExpExecArray | null;
  OPTION.lastIndex = 0;
  while ((o = OPTION.exec(rest)) !== null) options.set(o[1], o[2] !== undefined ? o[2].replace(/\\(.)/g, '$1') : o[3]);
  return { module: m[1], flag: m[2].toLowerCase(), options };
}

/** Parses the value of `sasl.jaas.config` (one entry). `where` names it in messages (the properties file). */
export function parseJaasConfig(text: string, where: string): JaasEntry {
  const e = parseEntry(text.trim());
  if (!e) throw new SourceError(`${where}: sasl.jaas.config is not in the form "<LoginModule> required key=\\"value\\" ...;"`, 'invalid');
  return e;
}

/** Removes `//` and `/* *\/` comments outside quoted strings. */
function stripComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      const end = findQuoteEnd(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
      out += ' ';
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function findQuoteEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return Math.min(i + 1, text.length);
}

/** Splits `text` at `sep` outside quoted strings. */
function splitOutsideQuotes(text: string, sep: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length;) {
    if (text[i] === '"') {
      const end = findQuoteEnd(text, i);
      cur += text.slice(i, end);
      i = end;
    } else if (text[i] === sep) {
      parts.push(cur);
      cur = '';
      i++;
    } else cur += text[i++];
  }
  parts.push(cur);
  return parts;
}

/**
 * Parses a JAAS file: `Name { <module> <flag> key="value" ...; ... };` sections. Throws naming the file when a
 * section cannot be read.
 */
export function parseJaasFile(text: string, file: string): Map<string, JaasEntry[]> {
  const sections = new Map<string, JaasEntry[]>();
  const src = stripComments(text);
  const re = /([\w.$-]+)\s*\{/g;
  let m: RegExpExecArray | null;
  let pos = 0;
  while ((m = re.exec(src)) !== null) {
    if (src.slice(pos, m.index).trim() !== '') break;
    // the body ends at the first `}` outside quotes
    let i = m.index + m[0].length;
    while (i < src.length && src[i] !== '}') i = src[i] === '"' ? findQuoteEnd(src, i) : i + 1;
    if (i >= src.length) throw new SourceError(`${file}: the JAAS section ${m[1]} has no closing "}"`, 'invalid');
    const body = src.slice(m.index + m[0].length, i);
    const entries: JaasEntry[] = [];
    for (const part of splitOutsideQuotes(body, ';')) {
      if (part.trim() === '') continue;
      const e = parseEntry(part);
      if (!e) throw new SourceError(`${file}: the JAAS section ${m[1]} has an entry not in the form "<LoginModule> required key=\\"value\\" ...;"`, 'invalid');
      entries.push(e);
    }
    sections.set(m[1], entries);
    const semi = /^\s*;/.exec(src.slice(i + 1));
    pos = i + 1 + (semi ? semi[0].length : 0);
    re.lastIndex = pos;
  }
  if (src.slice(pos).trim() !== '')
    throw new SourceError(`${file}: not a JAAS login configuration (expected "Name { <LoginModule> required ...; };")`, 'invalid');
  return sections;
}

/**
 * The JAAS file named by `-Djava.security.auth.login.config=FILE` in `KAFKA_OPTS` (the guide's way), undefined when
 * not given. A leading `=` (`==FILE`: replace the JVM's configuration) is accepted as Java does.
 */
export function jaasFileFromEnv(env: NodeJS.ProcessEnv = process.env): { readonly file: string; readonly from: string } | undefined {
  const opts = env.KAFKA_OPTS;
  if (!opts) return undefined;
  const re = /(?:^|\s)-Djava\.security\.auth\.login\.config==?(?:"([^"]*)"|'([^']*)'|(\S+))/g;
  let found: string | undefined;
  let m: RegExpExecArray | null;
  while ((m = re.exec(opts)) !== null) found = m[1] ?? m[2] ?? m[3]; // the last one wins, as in the JVM
  return found ? { file: found, from: 'KAFKA_OPTS' } : undefined;
}

/** The credentials a PLAIN or SCRAM login module gives, checked against `sasl.mechanism`. */
export interface JaasLogin {
  readonly username: string;
  readonly password: string;
  readonly module: string;
}

/** Takes the user name and password from a login entry; `where` names the source ("FILE: sasl.jaas.config", "FILE (section KafkaClient)"). */
export function loginFromEntry(entry: JaasEntry, mechanism: string, where: string): JaasLogin {
  const known = MODULES[entry.module];
  if (!known) {
    throw new SourceError(
      `${where}: login module ${entry.module} is not supported (use ${Object.keys(MODULES).join(' or ')}, for SASL mechanisms PLAIN, SCRAM-SHA-256, SCRAM-SHA-512)`,
      'invalid',
    );
  }
  if (!known.mechanisms.includes(mechanism)) {
    throw new SourceError(
      `${where}: login module ${known.short} does not serve sasl.mechanism ${mechanism} (it serves ${known.mechanisms.join(', ')})`,
      'invalid',
    );
  }
  const username = entry.options.get('username');
  const password = entry.options.get('password');
  if (!username || password === undefined) throw new SourceError(`${where}: login module ${known.short} has no username and password options`, 'invalid');
  return { username, password, module: entry.module };
}

/** Reads the `KafkaClient` section of a JAAS file: missing file, unreadable text or a missing section fail naming the file. */
export function kafkaClientLogin(file: string, mechanism: string, from: string): JaasLogin {
  let text: string;
  try {
    text = readUserFile(file);
  } catch (e) {
    throw new SourceError(`cannot read the JAAS file ${file} (${JAAS_PROPERTY} in ${from}): ${(e as Error).message}`, 'invalid');
  }
  const sections = parseJaasFile(text, file);
  const entries = sections.get(KAFKA_CLIENT_SECTION);
  if (!entries) {
    const names = [...sections.keys()];
    throw new SourceError(
      `${file}: the JAAS file has no ${KAFKA_CLIENT_SECTION} section (${names.length ? `it has ${names.join(', ')}` : 'it has none'}); a Kafka client reads its login from "${KAFKA_CLIENT_SECTION} { ... };"`,
      'invalid',
    );
  }
  if (entries.length === 0) throw new SourceError(`${file}: the JAAS section ${KAFKA_CLIENT_SECTION} has no login module`, 'invalid');
  return loginFromEntry(entries[0], mechanism, `${file} (section ${KAFKA_CLIENT_SECTION})`);
}
