/**
 * kafkajs, loaded when a helper that needs it is called. kafkajs is an optional peer dependency: an application
 * that uses the kafkajs helpers (createKafka, createProducer, createConsumer) installs it; everything else in
 * alikafka-migrate (the library entry, `alikafka-migrate/clients`' configs, lint and partitioner, the CLI) loads
 * without it. Modules here import kafkajs for its types only (`import type`), which compile to nothing.
 */
import { AlikafkaMigrateError } from '../errors';
import type * as Kafkajs from 'kafkajs';

export type KafkajsModule = typeof Kafkajs;

let loaded: KafkajsModule | undefined;

/** Whether a failed require is kafkajs itself missing (not a module kafkajs needs). */
function isKafkajsMissing(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err?.code === 'MODULE_NOT_FOUND' && /['"]kafkajs['"]/.test(err.message ?? '');
}

/** The kafkajs module, loaded on first call; a usage error saying to install it when it is not installed. */
export function kafkajsModule(helper: string): KafkajsModule {
  if (loaded) return loaded;
  const mod = process.getBuiltinModule('node:module') as typeof import('module');
  try {
    loaded = mod.createRequire(__filename)('kafkajs') as KafkajsModule;
  } catch (e) {
    if (!isKafkajsMissing(e)) throw e;
    throw new AlikafkaMigrateError(
      'usage',
      `${helper} needs kafkajs, which is not installed: install kafkajs in your application (npm install kafkajs@^2.2.4); it is an optional peer dependency of alikafka-migrate, needed only by the kafkajs helpers`,
      { cause: e },
    );
  }
  return loaded;
}
