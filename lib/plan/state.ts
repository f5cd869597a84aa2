import { optionProblem, PlanProblem } from './errors';
import { BackendOptions, BackendType, PlannedState, PlanWarning } from './types';

/**
 * Terraform backends the plan can write (Terraform's and cdktn's rules, not AliKafka's): the settings each needs,
 * and setting names that would put credentials into cdk.tf.json (they must come from the environment).
 */
export const BACKEND_TYPES: readonly BackendType[] = ['local', 'oss', 's3'];

const REQUIRED: Readonly<Record<BackendType, readonly string[]>> = {
  local: [],
  oss: ['bucket'],
  s3: ['bucket', 'key', 'region'],
};

const CREDENTIAL_KEY = /^(access_key|secret_key|security_token|token|password)$|secret|session_token|_password$/i;

const CREDENTIAL_ENV: Readonly<Record<BackendType, string>> = {
  local: '',
  oss: 'ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY',
  s3: 'AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY',
};

/** Where the state lives, checked: the backend type, its settings, and a sentence for the report. */
export function planState(backend: BackendOptions | undefined, problems: PlanProblem[]): PlannedState {
  const type = backend?.type ?? 'local';
  const config = Object.fromEntries(
    Object.keys(backend?.config ?? {})
      .sort()
      .map((k) => [k, (backend?.config ?? {})[k]]),
  );
  if (!BACKEND_TYPES.includes(type)) {
    problems.push(optionProblem('backend', `must be one of ${BACKEND_TYPES.join(', ')}, got ${JSON.stringify(type)}`));
    return { backend: 'local', config: {}, where: 'unknown backend' };
  }
  for (const k of Object.keys(config)) {
    if (CREDENTIAL_KEY.test(k)) {
      problems.push(
        optionProblem(
          'backend',
          `setting ${k} would put a credential into cdk.tf.json; give it through the environment (${CREDENTIAL_ENV[type] || 'not needed for local state'})`,
          '.config',
        ),
      );
    }
    if (!/^[a-z][a-z0-9_]*$/.test(k))
      problems.push(
        optionProblem('backend', `setting name ${JSON.stringify(k)} must be a Terraform backend argument (lower case, like bucket or key)`, '.config'),
      );
  }
  const missing = REQUIRED[type].filter((k) => config[k] === undefined || config[k] === '');
  if (missing.length > 0) problems.push(optionProblem('backend', `the ${type} backend needs ${missing.join(', ')}`, '.config'));
  if (type === 'local') {
    const unknown = Object.keys(config).filter((k) => k !== 'path' && k !== 'workspace_dir');
    if (unknown.length > 0) problems.push(optionProblem('backend', `the local backend takes path and workspace_dir, not ${unknown.join(', ')}`, '.config'));
    if (config.path !== undefined && config.path.startsWith('/')) {
      problems.push(
        optionProblem(
          'backend',
          `path ${config.path} is absolute: give it relative to the stack directory, so the plan is the same on every machine`,
          '.config',
        ),
      );
    }
  }
  const where =
    type === 'local'
      ? `a local file, ${config.path ?? 'terraform.<stack>.tfstate'}, relative to the stack directory (where cdk.tf.json is): keep it safe, it is the only record of what Terraform created`
      : type === 'oss'
        ? `Alibaba Cloud OSS bucket ${config.bucket}${config.prefix ? `, prefix ${config.prefix}` : ''}${config.key ? `, key ${config.key}` : ''}${config.region ? ` (${config.region})` : ''}${config.tablestore_table ? `, locked with Tablestore table ${config.tablestore_table}` : ', without state locking (set tablestore_endpoint and tablestore_table to lock)'}`
        : `S3 bucket ${config.bucket}, key ${config.key} (${config.region})${config.dynamodb_table ? `, locked with DynamoDB table ${config.dynamodb_table}` : ''}`;
  return { backend: type, config, where };
}

/**
 * What local state costs a large apply (Terraform's rule, measured here): with the local backend Terraform rewrites
 * the whole state file after every resource it creates (`statemgr.Filesystem.WriteState` deep-copies the state,
 * marshals it twice and fsyncs), so each write grows with the state; a remote backend (oss, s3) keeps the state in
 * memory and uploads it every 20 s. At thousands of resources the rewrites slow the apply and, since a plan on local
 * state cannot chain its pacing sleeps (lib/plan/pacing.ts), make its waves uneven. Measured by
 * `npm run bench -- apply` (2,000 topics, paced, the recommended -parallelism, 2 cores, one run each, same bench).
 */
export const LOCAL_STATE_APPLY = {
  /** Created topics above which a plan on local state says so. */
  warnAboveTopics: 1000,
  measured: { topics: 2000, local: { topicsPerSecond: 13.41, throttled: 453 }, remote: { topicsPerSecond: 16.85, throttled: 0 } },
} as const;

/** The warning a plan on local state gives when it creates more than LOCAL_STATE_APPLY.warnAboveTopics topics. */
export function localStateWarning(state: PlannedState, createdTopics: number): PlanWarning | undefined {
  if (state.backend !== 'local' || createdTopics <= LOCAL_STATE_APPLY.warnAboveTopics) return undefined;
  const m = LOCAL_STATE_APPLY.measured;
  return {
    code: 'local-state',
    subject: 'backend',
    message:
      `the apply creates ${createdTopics} topics on local state: Terraform rewrites the whole local state file after each resource, ` +
      `which slows a large apply and makes its paced waves uneven (measured for ${m.topics.toLocaleString('en-US')} topics: ` +
      `${m.local.topicsPerSecond} topics/s and ${m.local.throttled} throttled calls on local state, ${m.remote.topicsPerSecond} and ${m.remote.throttled} on remote state): ` +
      'use --backend oss or s3 for the apply, or expect it to take longer than the estimate',
  };
}
