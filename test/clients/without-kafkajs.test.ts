/**
 * kafkajs is an optional peer dependency, needed only by the kafkajs helpers (createKafka, createProducer,
 * createConsumer). Everything else loads and works without it: the library entry, `alikafka-migrate/clients`
 * (configs, lint, the sticky partitioner) and the CLI's client-config and lint-client.
 *
 * Checked in a separate Node process in which kafkajs cannot be resolved (a preload hook makes every
 * `kafkajs` request fail with MODULE_NOT_FOUND, as it does in an application that did not install it) and which
 * loads this repository's TypeScript sources (transpiled per file, no type check).
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { tmpDir, writeFile } from '../helpers/tmp';

const ROOT = path.join(__dirname, '..', '..');

jest.setTimeout(120_000);

const STATE = path.join(__dirname, 'fixtures', 'state-sasl.json');

const HOOK = `
const Module = require('module');
const fs = require('fs');
const ts = require(${JSON.stringify(path.join(ROOT, 'node_modules', 'typescript'))});
require.extensions['.ts'] = (m, filename) => {
  const out = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, resolveJsonModule: true },
  });
  m._compile(out.outputText, filename);
};
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'kafkajs' || request.startsWith('kafkajs/')) {
    const e = new Error("Cannot find module '" + request + "'");
    e.code = 'MODULE_NOT_FOUND';
    throw e;
  }
  return resolve.call(this, request, ...rest);
};
`;

/** Runs SCRIPT in a Node process without kafkajs; what it printed last (a JSON line). */
function withoutKafkajs(script: string): { status: number | null; result: unknown; out: string } {
  const dir = tmpDir('no-kafkajs');
  const hook = writeFile(dir, 'hook.js', HOOK);
  const main = writeFile(dir, 'main.js', `(async () => {\n${script}\n})().catch((e) => { console.error(e); process.exit(3); });\n`);
  const r = spawnSync(process.execPath, ['-r', hook, main], { cwd: ROOT, encoding: 'utf8' });
  const out = `${r.stdout}${r.stderr}`;
  const last = r.stdout.trim().split('\n').pop() ?? '';
  let result: unknown;
  try {
    result = JSON.parse(last);
  } catch {
    result = undefined;
  }
  return { status: r.status, result, out };
}

const lib = (p: string): string => JSON.stringify(path.join(ROOT, 'lib', p));

describe('without kafkajs installed', () => {
  test('the library entry and alikafka-migrate/clients load; the sticky partitioner puts a keyed message where Java does; createKafka, createProducer and createConsumer say to install kafkajs', () => {
    const r = withoutKafkajs(`
      let hidden = 'resolvable';
      try { require('kafkajs'); } catch (e) { hidden = e.code; }
      const root = require(${lib('index.ts')});
      const clients = require(${lib('clients/index.ts')});
      const part = clients.createStickyPartitioner({ random: () => 0.5 })();
      const partitionMetadata = [0, 1, 2].map((i) => ({ partitionId: i, leader: 0, replicas: [0], isr: [0] }));
      const keyed = part({ topic: 't', partitionMetadata, message: { key: 'order-7', value: 'v' } });
      const errors = ['createKafka', 'createProducer', 'createConsumer'].map((f) => {
        try { clients[f]({ kafka: { brokers: ['a:9092'] }, consumer: { groupId: 'g' } }); return f + ': no error'; }
        catch (e) { return [e.kind, e.message]; }
      });
      console.log(JSON.stringify({ hidden, planMigration: typeof root.planMigration, keyed, javaKeyed: clients.javaKeyPartition('order-7', 3), errors }));
    `);
    const msg = (f: string) => [
      'usage',
      expect.stringMatching(new RegExp(`^${f} needs kafkajs, which is not installed: install kafkajs in your application \\(npm install kafkajs`)),
    ];
    expect([r.status, r.result, r.out]).toEqual([
      0,
      {
        hidden: 'MODULE_NOT_FOUND',
        planMigration: 'function',
        keyed: expect.any(Number),
        javaKeyed: expect.any(Number),
        errors: [msg('createKafka'), msg('createProducer'), msg('createConsumer')],
      },
      expect.any(String),
    ]);
    const { keyed, javaKeyed } = r.result as { keyed: number; javaKeyed: number };
    expect(keyed).toBe(javaKeyed);
  });

  test('the CLI writes a kafkajs client config and lints it', () => {
    const dir = tmpDir('no-kafkajs-cli');
    const file = path.join(dir, 'c.json');
    const r = withoutKafkajs(`
      const { main } = require(${lib('cli/index.ts')});
      const err = [];
      const io = { out: () => undefined, err: (t) => err.push(t), isTty: false };
      const written = await main(['client-config', '--state', ${JSON.stringify(STATE)}, '--auth', 'sasl-scram', '--role', 'consumer', '--group', 'billing', '--format', 'kafkajs', '--out', ${JSON.stringify(file)}], io);
      const linted = await main(['lint-client', ${JSON.stringify(file)}, '--state', ${JSON.stringify(STATE)}], io);
      console.log(JSON.stringify({ written, linted, err: err.join('') }));
    `);
    expect([r.status, r.result, r.out]).toEqual([0, { written: 0, linted: 0, err: expect.any(String) }, expect.any(String)]);
  });
});
