/**
 * The flags that decide the plan, registered once for every command that plans (`synth`, `mirror`, `cutover`,
 * `verify`), so the same flags give the same plan everywhere: which topics, groups and users are migrated,
 * their names and partitions, and the instance they go to. Each command adds its own `--metadata` and
 * output flags.
 */
import { Command, Option } from 'commander';
import {
  ACCOUNT_TYPES,
  DEPLOY_TYPE_NAMES,
  DISK_TYPE_NAMES,
  IO_SPECS,
  LOCAL_TOPIC_REPLICAS,
  PAID_TYPES,
  PUBLIC_BANDWIDTH,
  SERVICE_VERSIONS,
  SPEC_TYPES,
} from '../alikafka';
import { UsageError } from './errors';
import { COMPRESSIONS, MIRROR_MODES } from '../kafka';
import { defaultVswitchCidr, DEFAULT_VPC_CIDR, MIRROR_DEFAULTS } from '../plan';

export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `--replicas` and `--ssd`: the console's sizing inputs, read alike by evaluate and synth (one sizing decision). */
export const REPLICAS_HELP = `replicas of each local-storage topic, ${LOCAL_TOPIC_REPLICAS.min}-${LOCAL_TOPIC_REPLICAS.max}: they are all on the purchased disk (default ${LOCAL_TOPIC_REPLICAS.value}, assumed)`;
export const SSD_HELP = 'SSD instead of ultra cloud disk (disk_type ssd)';

export function replicasFlag(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || n < LOCAL_TOPIC_REPLICAS.min || n > LOCAL_TOPIC_REPLICAS.max)
    throw new UsageError(`--replicas must be a whole number from ${LOCAL_TOPIC_REPLICAS.min} to ${LOCAL_TOPIC_REPLICAS.max}, got ${JSON.stringify(raw)}`);
  return n;
}

/** Registers the plan flags on `cmd` (the options `planOptionsFromFlags` reads). */
export function addPlanOptions(cmd: Command): Command {
  return cmd
    .option('--instance-id <id>', 'add to an existing AliKafka instance')
    .option('--region <region>', 'region of a new instance, e.g. cn-hangzhou')
    .option('--zone-id <zone>', 'zone of a new instance; repeat for multi-zone (the last is the standby zone)', collect)
    .option('--single-zone', 'accept one zone for a source whose brokers span several racks (the plan warns that the zone redundancy is dropped)')
    .option('--vpc-id <id>', 'existing VPC for a new instance')
    .option('--vswitch-id <id>', 'existing vSwitch, one per zone', collect)
    .option('--vpc-cidr <cidr>', `CIDR of a new VPC (default ${DEFAULT_VPC_CIDR})`)
    .option('--vswitch-cidr <cidr>', `CIDR of a new vSwitch, one per zone (default ${defaultVswitchCidr(0).replace('.0.0/', '.N.0/')})`, collect)
    .option('--instance-name <name>', 'name of a new instance (default from the source cluster ID)')
    .addOption(new Option('--spec-type <type>', 'edition').choices([...SPEC_TYPES]))
    .option('--io-max-spec <spec>', `traffic spec, e.g. ${IO_SPECS[0].name}`)
    .addOption(new Option('--disk-type <type>', 'disk type').choices([...DISK_TYPE_NAMES]))
    .option('--ssd', SSD_HELP)
    .option('--replicas <n>', REPLICAS_HELP)
    .option('--disk-size <gb>', 'disk size in GB (multiple of 100)')
    .option('--partition-num <n>', 'partitions bought on top of those the spec includes (default: what the plan needs)')
    .addOption(new Option('--deploy-type <type>', 'vpc (VPC only) or public (Internet and VPC)').choices([...DEPLOY_TYPE_NAMES]))
    .option('--eip-max <mbps>', `public bandwidth in ${PUBLIC_BANDWIDTH.unit} (${PUBLIC_BANDWIDTH.min}-${PUBLIC_BANDWIDTH.max}), with --deploy-type public`)
    .addOption(new Option('--service-version <v>', 'AliKafka version').choices([...SERVICE_VERSIONS]))
    .addOption(new Option('--paid-type <type>', 'billing of a new instance (default PostPaid, pay-as-you-go)').choices([...PAID_TYPES]))
    .option(
      '--retention-hours <h>',
      'message retention of a new instance; the disk is sized to hold it (default: the longest retention of the planned cloud-storage topics)',
    )
    .option('--instance-password', 'give a new instance a custom password, from the sensitive variable instance_password')
    .option('--tag <key=value>', 'tag the instance and the topics; repeatable', collect)
    .option('--allow-cidr <cidr>', "allow this CIDR to reach the instance (IP allowlist, on the deployment's ports); repeatable", collect)
    .addOption(new Option('--backend <type>', 'where Terraform keeps the state (default local, beside cdk.tf.json)').choices(['local', 'oss', 's3']))
    .option('--backend-config <key=value>', 'a setting of the backend (bucket=..., key=..., region=...); repeatable; never credentials', collect)
    .option('--include <glob>', 'migrate only topics matching (and the groups, users and ACLs they touch); repeatable', collect)
    .option('--exclude <glob>', 'do not migrate topics matching; repeatable', collect)
    .option('--all-users', 'with --include/--exclude: keep every SASL user, not only those whose ACLs touch the selection')
    .addOption(
      new Option('--deny-acls <policy>', 'Deny ACLs (reserved instances have none): narrow the Allows they override, or fail').choices(['narrow', 'fail']),
    )
    .addOption(new Option('--connect <policy>', 'Kafka Connect clusters (group and internal topics): skip both, or migrate both').choices(['skip', 'migrate']))
    .option('--rename-map <file>', 'JSON {"topics":{"src":"dst"},"groups":{},"users":{}} of names to use')
    .option('--no-dots', 'forbid "." in topic and group names (older instances reject it)')
    .addOption(new Option('--single-partition <policy>', '1-partition topics: local (keep 1, local storage) or grow (2 partitions)').choices(['local', 'grow']))
    .option(
      '--local-storage <glob>',
      'put matching non-compacted topics on local storage (per-partition order, their own retention); repeatable; needs an edition with local storage',
      collect,
    )
    .option(
      '--previous-metadata <file>',
      'the export the last plan came from: objects gone from the source since are kept, and sizing is kept, so the new plan only adds',
    )
    .option('--allow-destroy', 'with --previous-metadata: let objects gone from the source be destroyed')
    .option('--existing-target <file>', 'metadata export (or terraform show -json) of the target instance: existing objects are imported, not created')
    .addOption(new Option('--account-type <type>', "the provider's account_type (saves its 30 s account-type lookup in CI)").choices([...ACCOUNT_TYPES]))
    .option(
      '--no-copy',
      "the copy-free path (Alibaba's guide): copy no data; producers switch to the target and the old consumer groups drain the source (cutover --producers, cutover --drain); excludes --mirror",
    )
    .addOption(
      new Option(
        '--mirror <mode>',
        'plan MirrorMaker 2: dedicated (connect-mirror-maker) or connect (a Kafka Connect cluster); its own topics become Terraform topics',
      ).choices([...MIRROR_MODES]),
    )
    .option(
      '--replication-factor <n>',
      `with --mirror: replication factor of the topics MirrorMaker would create itself (default ${MIRROR_DEFAULTS.replicationFactor})`,
    )
    .option(
      '--checkpoint-interval <seconds>',
      `with --mirror: checkpoint and group offset sync interval (default ${MIRROR_DEFAULTS.checkpointIntervalSeconds})`,
    )
    .option('--max-tasks <n>', `with --mirror: upper bound on tasks.max, one task per partition up to this (default ${MIRROR_DEFAULTS.maxTasks})`)
    .addOption(
      new Option(
        '--compression <codec>',
        `with --mirror: compression of the records MirrorMaker writes; every target consumer must decode it (default ${MIRROR_DEFAULTS.compression})`,
      ).choices([...COMPRESSIONS]),
    );
}
