/**
 * The unpaced shape of a synthesized stack, for comparisons against the paced one (the apply bench, the throttling
 * rehearsal): the same `cdk.tf.json` without the pacing sleeps (`time_sleep`, lib/plan/pacing.ts), without the
 * topics' `depends_on` on them and without the time provider. Everything else, addresses included, is unchanged.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CREATE_TOPIC_PACING } from '../../lib/alikafka';

interface StackJson {
  terraform?: { required_providers?: Record<string, unknown> };
  provider?: Record<string, unknown>;
  resource?: Record<string, Record<string, { depends_on?: string[] }>>;
}

/** Rewrites `stackDir`'s cdk.tf.json unpaced; returns the number of sleeps removed. */
export function unpaceStack(stackDir: string): number {
  const file = path.join(stackDir, 'cdk.tf.json');
  const stack = JSON.parse(fs.readFileSync(file, 'utf8')) as StackJson;
  const type = CREATE_TOPIC_PACING.provider.resourceType;
  const sleeps = Object.keys(stack.resource?.[type] ?? {}).length;
  if (stack.resource) delete stack.resource[type];
  for (const byName of Object.values(stack.resource ?? {})) {
    for (const r of Object.values(byName)) {
      if (!r.depends_on) continue;
      const kept = r.depends_on.filter((d) => !d.startsWith(`${type}.`));
      if (kept.length > 0) r.depends_on = kept;
      else delete r.depends_on;
    }
  }
  const local = CREATE_TOPIC_PACING.provider.source.split('/')[1];
  delete stack.terraform?.required_providers?.[local];
  delete stack.provider?.[local];
  fs.writeFileSync(file, JSON.stringify(stack, null, 2));
  return sleeps;
}
