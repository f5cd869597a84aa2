import { isSecretRef } from '../secrets';
import type { LintContext, LintFinding, LintRule } from './types';

const PASSWORD_KEYS = ['sasl.password', 'ssl.truststore.password', 'ssl.keystore.password', 'ssl.key.password'];

/** A password written in the file instead of a config-provider reference. The value is never shown. */
export const rule: LintRule = {
  id: 'clear-password',
  description: 'passwords as ${env:...} or ${file:...} references, not in clear',
  check(ctx: LintContext): LintFinding[] {
    const out: LintFinding[] = [];
    const finding = (key: string): LintFinding => ({
      rule: 'clear-password',
      severity: 'warning',
      key: ctx.file.origin.get(key) ? `${key} (${ctx.file.origin.get(key)})` : key,
      current: '<hidden>',
      recommended: '${env:NAME} or ${file:/path/secrets.properties:key} (config providers, clients 3.5+/2.3+)',
      reason: 'a password in a config file ends up in repositories, images and logs',
    });
    const jaas = ctx.file.settings.get('sasl.jaas.config');
    if (jaas) {
      const m = /password\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;]+))/.exec(jaas);
      const pw = m ? (m[1] ?? m[2]) : undefined;
      if (pw !== undefined && pw !== '' && !isSecretRef(pw)) out.push(finding('sasl.jaas.config'));
    }
    for (const k of PASSWORD_KEYS) {
      const v = ctx.file.settings.get(k);
      if (v !== undefined && v.trim() !== '' && !isSecretRef(v)) out.push(finding(k));
    }
    return out;
  },
};
