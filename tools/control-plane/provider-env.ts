/**
 * Installs the real aliyun/alicloud provider v1.289.0 from /work/shared/provider into a Terraform filesystem
 * mirror under ~/.cache/alikafka-migrate/terraform/ (as /work/shared/provider/README.md describes) and returns
 * the environment Terraform needs. Stand-in for scripts/provider.sh (branch `provider`): when that lands,
 * call it instead and read its `export TF_CLI_CONFIG_FILE=... / export TERRAFORM_BIN=...` lines.
 */
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const PROVIDER_VERSION = '1.289.0';
const BINARY = `terraform-provider-alicloud_v${PROVIDER_VERSION}`;
const ARCHIVE = `terraform-provider-alicloud_${PROVIDER_VERSION}_linux_amd64.tar.xz`;

export interface ProviderEnv {
  readonly TF_CLI_CONFIG_FILE: string;
  readonly TERRAFORM_BIN: string;
}

function sha256File(file: string): string {
  const h = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(8 * 1024 * 1024);
  try {
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      h.update(buf.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
  return h.digest('hex');
}

function expectedSums(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of fs.readFileSync(path.join(dir, 'SHA256SUMS'), 'utf8').split('\n')) {
    const m = /^([0-9a-f]{64})\s+\*?(\S+)$/.exec(line.trim());
    if (m) out[m[2]] = m[1];
  }
  return out;
}

export function providerEnv(opts: { providerDir?: string; cacheHome?: string } = {}): ProviderEnv {
  const providerDir = opts.providerDir ?? process.env.ALIKAFKA_PROVIDER_DIR ?? '/work/shared/provider';
  const home = opts.cacheHome ?? path.join(os.homedir(), '.cache', 'alikafka-migrate', 'terraform');
  const mirror = path.join(home, 'mirror');
  const target = path.join(mirror, 'registry.terraform.io', 'aliyun', 'alicloud', PROVIDER_VERSION, 'linux_amd64');
  const sums = expectedSums(providerDir);
  const bin = path.join(target, BINARY);
  if (!fs.existsSync(bin) || sha256File(bin) !== sums[BINARY]) {
    const archive = path.join(providerDir, ARCHIVE);
    if (!fs.existsSync(archive)) throw new Error(`provider archive not found: ${archive} (set ALIKAFKA_PROVIDER_DIR to the folder holding ${ARCHIVE})`);
    if (sha256File(archive) !== sums[ARCHIVE]) throw new Error(`${archive} does not match ${path.join(providerDir, 'SHA256SUMS')}`);
    const tmp = fs.mkdtempSync(path.join(home, '.unpack-'));
    try {
      execFileSync('tar', ['-xJf', archive, '-C', tmp]);
      if (sha256File(path.join(tmp, BINARY)) !== sums[BINARY]) throw new Error(`the unpacked ${BINARY} does not match SHA256SUMS`);
      fs.mkdirSync(target, { recursive: true });
      fs.renameSync(path.join(tmp, BINARY), bin);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  const rc = path.join(home, 'terraformrc');
  if (!fs.existsSync(rc)) {
    fs.writeFileSync(
      `${rc}.tmp`,
      [
        'provider_installation {',
        `  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["registry.terraform.io/aliyun/alicloud"]\n  }`,
        '  direct {\n    exclude = ["registry.terraform.io/aliyun/alicloud"]\n  }',
        '}',
        '',
      ].join('\n'),
    );
    fs.renameSync(`${rc}.tmp`, rc);
  }
  const terraform = process.env.TERRAFORM_BIN ?? execFileSync('sh', ['-c', 'command -v terraform'], { encoding: 'utf8' }).trim();
  if (!terraform) throw new Error('terraform not found on PATH (set TERRAFORM_BIN)');
  return { TF_CLI_CONFIG_FILE: rc, TERRAFORM_BIN: terraform };
}
