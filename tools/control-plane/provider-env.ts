/**
 * The environment Terraform needs for a rehearsal, from the project's one provider installer: runs
 * `scripts/provider.sh` (it installs the real aliyun/alicloud provider v1.289.0 into a filesystem mirror outside
 * the repo and checks its SHA-256) and reads its `export TF_CLI_CONFIG_FILE=... / export TERRAFORM_BIN=...` lines.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import { REPO_ROOT } from './broker';

export interface ProviderEnv {
  readonly TF_CLI_CONFIG_FILE: string;
  readonly TERRAFORM_BIN: string;
}

export function providerEnv(): ProviderEnv {
  const script = path.join(REPO_ROOT, 'scripts', 'provider.sh');
  const out = execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const vars = new Map<string, string>();
  for (const line of out.split('\n')) {
    const m = /^export ([A-Z_]+)=(?:'([^']*)'|"([^"]*)"|(\S*))$/.exec(line.trim());
    if (m) vars.set(m[1], m[2] ?? m[3] ?? m[4] ?? '');
  }
  const rc = vars.get('TF_CLI_CONFIG_FILE');
  const terraform = vars.get('TERRAFORM_BIN');
  if (!terraform) throw new Error(`${script} printed no TERRAFORM_BIN`);
  if (!rc) {
    throw new Error(
      `${script} found no provider archive to install (set ALIKAFKA_PROVIDER_MIRROR to a folder holding the provider and SHA256SUMS); ` +
        'a rehearsal runs without network, so it cannot fetch the provider from the registry',
    );
  }
  return { TF_CLI_CONFIG_FILE: rc, TERRAFORM_BIN: terraform };
}
