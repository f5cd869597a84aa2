import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, LocalBackend, OssBackend, S3Backend, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktn';
import { Construct } from 'constructs';
import { KafkaEndpointAttribute, KafkaMigration } from './constructs';
import { acceptDirect, mergeDirect } from './constructs/direct';
import { LiteralStrings } from './constructs/literal';
import { PacingProvider } from './constructs/pace';
import { AlicloudProvider } from './constructs/gen/providers/alicloud/provider';
import type { AccountType } from './alikafka';
import { MigrationPlan } from './plan';
import { buildReport, renderJsonReport, renderMarkdownReport } from './report/report';

export interface MigrationStackProps {
  readonly plan: MigrationPlan;
  /** Region for the provider block. @default the plan's region; none for an existing instance (ALICLOUD_REGION applies) */
  readonly region?: string;
  /**
   * Where the local backend keeps the state, relative to the stack's directory (where terraform runs).
   * @default `terraform.<stack>.tfstate` beside `cdk.tf.json`, the same on every machine
   */
  readonly statePath?: string;
  /**
   * The provider's `account_type`. Set, the provider skips its account-type lookup (a BssOpenApi call it
   * retries for about 30 s where that endpoint cannot be reached, as in CI). @default none: the provider looks it up
   * (or takes ALIBABA_CLOUD_ACCOUNT_TYPE)
   */
  readonly accountType?: AccountType;
  /**
   * How the plan's topics, consumer groups and ACLs are written (`KafkaMigrationProps.emission`): `constructs`, one
   * construct each (`migration.topics`, `migration.groups`); `direct`, the same JSON straight from the plan,
   * without a construct per object, as `synth` does. @default 'constructs'
   */
  readonly emission?: 'constructs' | 'direct';
}

/**
 * A whole stack for one migration: the `aliyun/alicloud` provider, one sensitive variable per SASL user
 * password, the `KafkaMigration` construct, and outputs. This is what `alikafka-migrate synth` writes. No string
 * in it is evaluated by Terraform except the references cdktn renders (`LiteralStrings`).
 */
export class MigrationStack extends TerraformStack {
  public readonly migration: KafkaMigration;

  /**
   * cdktn's default first resolves every element once only to discover cross-stack references, which
   * this stack never makes (other stacks may still reference it: their own preparation registers that).
   * Skipping that pass cuts a third of synth time at 10 000 topics; the synthesized JSON is the same.
   */
  public prepareStack(): void {
    this.ensureBackendExists();
  }

  /** cdktn's JSON of the stack, with the directly written resources (`emission: 'direct'`) merged in. */
  public toTerraform(): Record<string, unknown> {
    const tf = super.toTerraform() as Record<string, unknown>;
    mergeDirect(this, tf);
    return tf;
  }

  constructor(scope: Construct, id: string, props: MigrationStackProps) {
    super(scope, id);
    if (props.emission === 'direct') acceptDirect(this);
    // every string of the stack (descriptions, backend settings, the migration's resources) is literal to Terraform
    Aspects.of(this).add(new LiteralStrings());
    const { plan } = props;
    this.backend(plan.state, props.statePath ?? plan.state.config.path ?? `terraform.${id}.tfstate`);
    const region = props.region ?? (plan.instance.mode === 'new' ? plan.instance.region : undefined);
    new AlicloudProvider(this, 'alicloud', { ...(region ? { region } : {}), ...(props.accountType ? { accountType: props.accountType } : {}) });
    const userPasswords: Record<string, string> = {};
    for (const u of plan.users) {
      const v = new TerraformVariable(this, u.passwordVariable, {
        type: 'string',
        sensitive: true,
        nullable: false,
        description: `SASL password of AliKafka user ${u.name} (source user ${u.sourceName}); never copied from the source`,
      });
      userPasswords[u.name] = v.stringValue;
    }
    let instancePassword: string | undefined;
    if (plan.instance.mode === 'new' && plan.instance.passwordVariable !== undefined) {
      instancePassword = new TerraformVariable(this, plan.instance.passwordVariable, {
        type: 'string',
        sensitive: true,
        nullable: false,
        description: `custom password of AliKafka instance ${plan.instance.name}`,
      }).stringValue;
    }
    this.migration = new KafkaMigration(this, 'migration', { plan, userPasswords, instancePassword, emission: props.emission });
    // the pacing sleeps' provider, pinned to the version scripts/time-provider.sh builds into the mirror
    if (plan.pacing) new PacingProvider(this, 'time');
    new TerraformOutput(this, 'instance_id', { value: this.migration.instanceId, description: 'AliKafka instance ID' });
    const instance = this.migration.instance;
    if (instance) {
      for (const e of plan.endpoints) {
        new TerraformOutput(this, e.output, { value: instance.endpointAttribute(KafkaEndpointAttribute.of(e.attribute)), description: e.description });
      }
    }
  }

  /** The backend the plan chose, through cdktn's backend classes (Terraform argument names become camelCase). */
  private backend(state: MigrationPlan['state'], localPath: string): void {
    const camel = (k: string): string => k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    const props: Record<string, string | boolean> = {};
    for (const [k, v] of Object.entries(state.config)) props[camel(k)] = v === 'true' ? true : v === 'false' ? false : v;
    if (state.backend === 'oss') new OssBackend(this, props as unknown as ConstructorParameters<typeof OssBackend>[1]);
    else if (state.backend === 's3') new S3Backend(this, props as unknown as ConstructorParameters<typeof S3Backend>[1]);
    else new LocalBackend(this, { ...(props as { workspaceDir?: string }), path: localPath });
  }
}

export interface SynthFile {
  readonly path: string;
  readonly content: string;
}

/**
 * Synthesizes a plan into the files the CLI writes, relative to the output directory:
 * `stacks/NAME/cdk.tf.json`, `manifest.json`, `migration-report.md` and `migration-report.json`.
 * Nothing is written to the output directory here (cdktn works in a private temporary directory).
 */
export function synthesizeFiles(plan: MigrationPlan, stackName: string, region?: string, accountType?: AccountType): SynthFile[] {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'alikafka-migrate-synth-'));
  // cdktn records a full creation stack trace for every token and complex object (15 000 resources make
  // 15 000 unbounded traces); they only decorate token-resolution errors. Not capturing them while this
  // function synthesizes saves a fifth of synth time; both hooks are restored before it returns.
  const previousCapture = Error.captureStackTrace;
  const previousPrepare = Error.prepareStackTrace;
  Error.captureStackTrace = (target: object): void => {
    Object.defineProperty(target, 'stack', { value: '', configurable: true, writable: true });
  };
  Error.prepareStackTrace = (): string => '';
  try {
    const app = new App({ outdir: tmp, skipValidation: false });
    // topics, groups and ACLs straight from the plan: the same JSON as their constructs, at a fraction of the
    // time (test/constructs/direct.test.ts compares both)
    new MigrationStack(app, stackName, { plan, region, accountType, emission: 'direct' });
    app.synth();
    const tfPath = path.join('stacks', stackName, 'cdk.tf.json');
    const report = buildReport(plan, stackName);
    return [
      { path: tfPath, content: fs.readFileSync(path.join(tmp, tfPath), 'utf8') },
      { path: 'manifest.json', content: fs.readFileSync(path.join(tmp, 'manifest.json'), 'utf8') },
      { path: 'migration-report.md', content: renderMarkdownReport(report) },
      { path: 'migration-report.json', content: renderJsonReport(report) },
    ];
  } finally {
    Error.captureStackTrace = previousCapture;
    Error.prepareStackTrace = previousPrepare;
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
