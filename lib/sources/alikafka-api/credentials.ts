/**
 * Alibaba Cloud credentials for the AliKafka OpenAPI, from Alibaba's standard places only: the environment
 * (`ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET`, `ALIBABA_CLOUD_SECURITY_TOKEN`), the Alibaba
 * Cloud CLI's profile (`~/.aliyun/config.json`, `ALIBABA_CLOUD_PROFILE`), or the credentials file
 * (`~/.alibabacloud/credentials`, `ALIBABA_CLOUD_CREDENTIALS_FILE`). Never a command-line flag (keys in shell
 * history). The ECS instance metadata service is asked only when `ALIBABA_CLOUD_ECS_METADATA` names a RAM role, so a
 * machine without keys fails at once instead of waiting on 100.100.100.200.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  CLIProfileCredentialsProvider,
  CredentialsProvider,
  ECSRAMRoleCredentialsProvider,
  EnvironmentVariableCredentialsProvider,
  ProfileCredentialsProvider,
} from '@alicloud/credentials';
import { SourceError } from '../errors';

/** Where the credentials came from (never the keys themselves). */
export interface ResolvedCredentials {
  readonly provider: CredentialsProvider;
  /** `environment`, `CLI profile ~/.aliyun/config.json`, ... */
  readonly source: string;
}

/** The environment variables that name Alibaba's credentials, for messages. */
export const CREDENTIAL_VARIABLES = ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET'] as const;

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Finds credentials in Alibaba's standard places, first match wins, and checks that they give keys (so a missing or
 * broken setup fails here, before any API call). Throws `SourceError` (kind `auth`) saying where it looked.
 */
export async function resolveCredentials(env: Env = process.env): Promise<ResolvedCredentials> {
  const tried: string[] = [];
  const candidates: Array<{ source: string; build: () => CredentialsProvider }> = [];
  if (env.ALIBABA_CLOUD_ACCESS_KEY_ID || env.ALIBABA_CLOUD_ACCESS_KEY_SECRET) {
    candidates.push({ source: 'environment (ALIBABA_CLOUD_ACCESS_KEY_ID)', build: () => EnvironmentVariableCredentialsProvider.builder().build() });
  } else tried.push(`environment (${CREDENTIAL_VARIABLES.join(', ')} not set)`);
  const home = os.homedir();
  const cliConfig = path.join(home, '.aliyun', 'config.json');
  if (fs.existsSync(cliConfig) && (env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED ?? '').toLowerCase() !== 'true') {
    candidates.push({ source: `Alibaba Cloud CLI profile ${cliConfig}`, build: () => CLIProfileCredentialsProvider.builder().build() });
  } else tried.push(`Alibaba Cloud CLI profile (${cliConfig} not found)`);
  const credentialsFile = env.ALIBABA_CLOUD_CREDENTIALS_FILE ?? path.join(home, '.alibabacloud', 'credentials');
  if (fs.existsSync(credentialsFile)) {
    candidates.push({ source: `credentials file ${credentialsFile}`, build: () => ProfileCredentialsProvider.builder().build() });
  } else tried.push(`credentials file (${credentialsFile} not found)`);
  const role = env.ALIBABA_CLOUD_ECS_METADATA;
  if (role) {
    candidates.push({
      source: `ECS RAM role ${role} (ALIBABA_CLOUD_ECS_METADATA)`,
      build: () => ECSRAMRoleCredentialsProvider.builder().withRoleName(role).build(),
    });
  }
  for (const c of candidates) {
    let provider: CredentialsProvider;
    try {
      provider = c.build();
      const creds = await provider.getCredentials();
      if (!creds.accessKeyId || !creds.accessKeySecret) throw new Error('no access key in it');
    } catch (e) {
      throw new SourceError(
        `Alibaba Cloud credentials from the ${c.source} cannot be used: ${(e as Error).message}. Set ${CREDENTIAL_VARIABLES.join(' and ')} (and ALIBABA_CLOUD_SECURITY_TOKEN for STS keys), or fix that file`,
        'auth',
      );
    }
    return { provider, source: c.source };
  }
  throw new SourceError(
    `no Alibaba Cloud credentials: looked in the ${tried.join(', ')}. Set ${CREDENTIAL_VARIABLES.join(' and ')} (never on the command line), or set ALIBABA_CLOUD_ECS_METADATA to an ECS RAM role name to use the instance's role`,
    'auth',
  );
}
