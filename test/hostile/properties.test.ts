/**
 * Issue 19 items 2 and 8: no live lines from data in properties and librdkafka files. Property tests (fast-check,
 * seeded) write arbitrary Unicode as keys, values and comments and read the text back with a java.util.Properties
 * reader (lib/sources/properties.ts; test/integration/properties-java.test.ts checks the same files with the JVM).
 */
import fc from 'fast-check';
import { endpointFor } from '../../lib/alikafka/endpoints';
import { buildClientConfig, ClientConfigInput, renderLibrdkafka, renderProperties } from '../../lib/clients/config';
import { ClientConfigError } from '../../lib/clients/target';
import { parseProperties } from '../../lib/sources/properties';
import { librdkafkaValueProblem, propertiesComment, propertiesKey, propertiesLine, propertiesValue } from '../../lib/util/escape';

const SEED = 1919;
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const anyText = fc.string({ unit: 'binary', maxLength: 40 });
/** Strings made mostly of the characters that matter here, so the interesting cases come often. */
const nastyText = fc.string({
  unit: fc.constantFrom('\n', '\r', '\f', '\t', ' ', '\\', '#', '!', '=', ':', '\u2028', '\u2029', '\u0085', '\u0000', '\u202e', 'a', 'é', '😀', 'k'),
  maxLength: 20,
});
const text = fc.oneof(anyText, nastyText);
const LINE_BREAK = /[\r\n\f\u0085\u2028\u2029]/;

describe('properties escaping', () => {
  test('any key and value are read back exactly, as one entry', () => {
    fc.assert(
      fc.property(text, text, (k, v) => {
        const line = propertiesLine(k, v);
        expect(line).toMatch(/^[\x20-\x7e]*$/); // one line of printable ASCII
        expect([...parseProperties(`${line}\n`)]).toEqual([[k, v]]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('a comment stays one comment line, whatever it says', () => {
    fc.assert(
      fc.property(text, (t) => {
        const line = `# ${propertiesComment(t)}`;
        expect(LINE_BREAK.test(line)).toBe(false);
        expect(parseProperties(`${line}\nafter=1\n`)).toEqual(new Map([['after', '1']]));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test.each([
    ['a line break', 'a\nb=c', 'a\\nb=c'],
    ['a carriage return', 'a\rb', 'a\\rb'],
    ['a form feed', 'a\fb', 'a\\fb'],
    ['line and paragraph separators', 'a\u2028b\u2029', 'a\\u2028b\\u2029'],
    ['a backslash', 'a\\b', 'a\\\\b'],
    ['a leading space', ' a', '\\ a'],
    ['non-ASCII', 'é😀', '\\u00e9\\ud83d\\ude00'],
  ])('a value with %s is escaped as java.util.Properties.store does', (_name, value, escaped) => {
    expect(propertiesValue(value)).toBe(escaped);
  });

  test('a key escapes its separators and leading comment characters; a value keeps them readable', () => {
    expect(propertiesKey('#a b=c:d!')).toBe('\\#a\\ b\\=c\\:d\\!');
    expect(propertiesValue('#a b=c:d!')).toBe('#a b=c:d!');
  });

  test('librdkafka values: line breaks, controls and surrounding whitespace cannot be written', () => {
    expect(['a\nb', 'a\rb', 'a\fb', 'a\u2028', 'a\u0000', ' a', 'a '].map((v) => librdkafkaValueProblem(v) !== undefined)).toEqual(Array(7).fill(true));
    expect(librdkafkaValueProblem('${env:X} \\ #é')).toBeUndefined();
  });
});

describe('client-config never writes a live line from its input', () => {
  const base = (over: Partial<ClientConfigInput>): ClientConfigInput => ({
    role: 'consumer',
    endpoint: endpointFor('vpc', 'sasl-scram'),
    servers: ['127.0.0.1:9094'],
    serversFrom: '--bootstrap',
    auth: 'sasl-scram',
    group: 'billing',
    ...over,
  });
  const keysOf = (t: string): string[] => [...parseProperties(t).keys()].sort();
  const expectedKeys = keysOf(renderProperties(buildClientConfig(base({ clientId: 'x' }))));

  test('properties format: any client ID, group and group rename keep exactly the intended keys and values', () => {
    fc.assert(
      fc.property(text, text, text, (clientId, group, from) => {
        fc.pre(clientId !== '' && group !== '');
        const names = { topics: new Map(), groups: new Map([[group, { from, to: 'renamed', reason: `because ${from}` }]]) };
        const out = renderProperties(buildClientConfig(base({ clientId, group, names: names as never, namesFrom: from })));
        const props = parseProperties(out);
        expect([...props.keys()].sort()).toEqual(expectedKeys);
        expect({ id: props.get('client.id'), group: props.get('group.id'), servers: props.get('bootstrap.servers') }).toEqual({
          id: clientId,
          group: 'renamed',
          servers: '127.0.0.1:9094',
        });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('librdkafka format: a value it cannot hold is refused naming the option; otherwise the keys are the intended ones', () => {
    const expected = keysOf(renderLibrdkafka(buildClientConfig(base({ clientId: 'x' }))));
    fc.assert(
      fc.property(text, text, (clientId, from) => {
        fc.pre(clientId !== '');
        const names = { topics: new Map(), groups: new Map([['billing', { from, to: 'billing2', reason: from }]]) };
        let out: string;
        try {
          out = renderLibrdkafka(buildClientConfig(base({ clientId, names: names as never })));
        } catch (e) {
          expect(e).toBeInstanceOf(ClientConfigError);
          expect((e as ClientConfigError).field).toBe('clientId');
          expect((e as Error).message).toMatch(
            /^clientId: the value of client\.id (contains a line break or control character|starts or ends with whitespace)/,
          );
          return;
        }
        for (const line of out.split('\n')) expect(LINE_BREAK.test(line)).toBe(false);
        expect(keysOf(out)).toEqual(expected);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('a group ID with a line break in the rename comment is one comment line (the case of the issue)', () => {
    const names = { topics: new Map(), groups: new Map([['billing', { from: 'billing\nbootstrap.servers=evil:9092', to: 'billing', reason: 'r' }]]) };
    const out = renderProperties(buildClientConfig(base({ names: names as never })));
    expect(out).toContain('# renamed by the migration plan from billing\\nbootstrap.servers=evil:9092: r');
    expect(parseProperties(out).get('bootstrap.servers')).toBe('127.0.0.1:9094');
  });
});
