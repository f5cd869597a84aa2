import { Aspects, DefaultTokenResolver, dependable, StringConcat, TerraformResource, Token, Tokenization } from 'cdktn';
import { Construct } from 'constructs';
// not exported from cdktn's root: the validation cdktn's `importFrom` adds, added once for the directly written imports
import { ValidateTerraformVersion } from 'cdktn/lib/validations/validate-terraform-version';
import type { MigrationPlan, PlannedAcl, PlannedMirrorMakerTopic, PlannedNewInstance, PlannedTopic } from '../plan';
import { ValidationError } from '../errors';
import { KafkaAcl } from './acl';
import { KafkaAllowedIp } from './allowed-ip';
import { KafkaAdoption, KafkaDeployType, KafkaDiskType, KafkaEdition } from './common';
import { acceptsDirect, addDirect, directRenderer } from './direct';
import { KafkaConsumerGroup } from './group';
import { KafkaInstance } from './instance';
import { findTokenLike, literalFragment, LiteralStrings } from './literal';
import { KafkaNetwork } from './network';
import { KafkaPaceSleep } from './pace';
import { KafkaTopic } from './topic';
import { KafkaSaslUser } from './user';

export interface KafkaMigrationProps {
  /** The plan to build (from `planMigration`). */
  readonly plan: MigrationPlan;
  /**
   * The password of each planned SASL user, by target user name. Pass sensitive variables' values
   * (`new TerraformVariable(..., { sensitive: true }).stringValue`); constructs never create variables.
   * Required for every user in the plan.
   */
  readonly userPasswords?: Readonly<Record<string, string>>;
  /** The custom instance password, when the plan sets one (`passwordVariable`): a sensitive variable's value. */
  readonly instancePassword?: string;
  /** Override the plan's `prevent_destroy` of topics. @default the plan's (true for every topic) */
  readonly preventDestroy?: boolean;
  /**
   * Prefix for every Terraform resource name, for more than one migration in one stack.
   * @default '' (topic `orders` is `alicloud_alikafka_topic.topic_orders`)
   */
  readonly terraformNamePrefix?: string;
  /**
   * How topics, consumer groups and ACLs reach the stack's JSON. `constructs`: one construct each, listed in
   * `topics` and `groups`, with their L1 escape hatches. `direct`: written straight from the plan as the same JSON,
   * without a construct per object (what `synth` does: at 10,000 topics most of synth's time was those
   * constructs); `topics` and `groups` are then empty. `direct` needs a `MigrationStack` created with
   * `emission: 'direct'` (other stacks do not write them and are refused). A plan one of the constructs would refuse
   * or warn about is built as constructs either way, so its messages are the same.
   * @default 'constructs'
   */
  readonly emission?: 'constructs' | 'direct';
}

/**
 * Everything a migration plan creates: the instance (and its network) when the plan asks for a new one,
 * then topics, consumer groups, SASL users and ACLs. It renders the plan's decisions and makes none of its own:
 * Terraform names, remarks, import IDs and lifecycles all come from the plan.
 *
 * Every string it writes is literal to Terraform (the `LiteralStrings` aspect): a plan's names, hosts, tags and
 * remarks are data, never expressions. A plan holding text that cdktn itself would read as a reference is refused.
 */
export class KafkaMigration extends Construct {
  public readonly instanceId: string;
  public readonly instance?: KafkaInstance;
  public readonly network?: KafkaNetwork;
  public readonly topics: ReadonlyMap<string, KafkaTopic>;
  public readonly groups: ReadonlyMap<string, KafkaConsumerGroup>;
  public readonly users: ReadonlyMap<string, KafkaSaslUser>;
  private readonly acls: KafkaAcl[] = [];
  private readonly prefix: string;
  private readonly importIdPrefix?: { readonly planned: string; readonly actual: string };

  constructor(scope: Construct, id: string, props: KafkaMigrationProps) {
    super(scope, id);
    const { plan } = props;
    const tokenLike = findTokenLike(plan);
    if (tokenLike.length > 0) {
      const shown = tokenLike.slice(0, 5).map((t) => `plan field ${t.path} ${t.problem}`);
      throw new ValidationError(
        `${shown.join('; ')}${tokenLike.length > 5 ? ` (and ${tokenLike.length - 5} more)` : ''}: rename or leave out those objects`,
        this,
        {
          field: 'plan',
          kind: 'plan',
        },
      );
    }
    Aspects.of(this).add(new LiteralStrings());
    this.prefix = props.terraformNamePrefix ?? '';
    const missing = plan.users.filter((u) => props.userPasswords?.[u.name] === undefined).map((u) => u.name);
    if (missing.length > 0) {
      throw new ValidationError(`userPasswords has no password for user(s) ${missing.join(', ')}; pass a sensitive variable's value for each`, this, {
        field: 'userPasswords',
      });
    }
    if (plan.instance.mode === 'existing') {
      // a plan made for an instance construct of this app (`target: instance.asPlanTarget()`): its resources and
      // import IDs take that construct's ID
      const target = KafkaInstance.findByPlanTargetId(this, plan.instance.instanceId);
      this.instanceId = target?.instanceId ?? plan.instance.instanceId;
      if (target !== undefined) this.importIdPrefix = { planned: `${plan.instance.instanceId}:`, actual: `${target.instanceId}:` };
    } else {
      if (plan.instance.passwordVariable !== undefined && props.instancePassword === undefined) {
        throw new ValidationError(
          `the plan sets a custom instance password: pass instancePassword (the value of variable ${plan.instance.passwordVariable})`,
          this,
          {
            field: 'instancePassword',
          },
        );
      }
      const built = this.buildInstance(plan.instance, props.instancePassword);
      this.instance = built.instance;
      this.network = built.network;
      this.instanceId = built.instance.instanceId;
    }
    const direct = props.emission === 'direct' ? this.directRenderer(plan, props.preventDestroy) : undefined;
    this.topics = direct ? new Map() : this.buildTopics(plan, props.preventDestroy);
    const sleepOf = this.pace(plan);
    this.groups = direct ? new Map() : this.buildGroups(plan);
    this.users = this.buildUsers(plan, props.userPasswords ?? {});
    if (!direct) for (const a of plan.acls) this.buildAcl(a);
    this.chainSaslWrites();
    if (direct) {
      const adopted = [...plan.topics, ...plan.groups, ...(plan.transfer?.mirrorMaker?.topics ?? []), ...(plan.transfer?.mirrorMaker?.groups ?? [])];
      if (adopted.some((x) => x.adopted !== undefined)) {
        this.node.addValidation(
          new ValidateTerraformVersion('>=1.5', 'Import blocks are only supported for Terraform >=1.5. Please upgrade your Terraform version.'),
        );
      }
      addDirect(this, () => {
        // a resource's address as `depends_on` writes it (`fqn` itself is a token)
        const address = (r: TerraformResource): string => `${r.terraformResourceType}.${r.friendlyUniqueId}`;
        const users = [...this.users.values()].map((u) => u.resource);
        return direct({
          instanceId: this.resolvedLiteral(this.instanceId),
          userAddresses: new Map([...this.users].map(([name, u]) => [name, address(u.resource)])),
          lastUserAddress: users.length > 0 ? address(users[users.length - 1]) : undefined,
          topicDependsOn: new Map([...sleepOf].map(([topic, sleep]) => [topic, address(sleep)])),
        });
      });
    }
    for (const ip of plan.allowedIps) {
      new KafkaAllowedIp(this, ip.terraformName, {
        instanceId: this.instanceId,
        cidr: ip.cidr,
        allowedType: ip.allowedType,
        portRange: ip.portRange,
        terraformName: this.name(ip.terraformName),
      });
    }
  }

  /**
   * The renderer of topics, groups and ACLs for `emission: 'direct'`, or undefined when the constructs must be built
   * (a plan they would refuse or warn about).
   */
  private directRenderer(plan: MigrationPlan, preventDestroy: boolean | undefined): ReturnType<typeof directRenderer> {
    if (!acceptsDirect(this)) {
      throw new ValidationError(`emission 'direct' is written only by a MigrationStack created with emission 'direct'; use 'constructs' in this stack`, this, {
        field: 'emission',
      });
    }
    const otherIds = [
      ...this.node.children.map((c) => c.node.id),
      ...plan.users.map((u) => u.terraformName),
      ...plan.allowedIps.map((ip) => ip.terraformName),
      ...(plan.pacing?.sleeps ?? []).map((s) => s.terraformName),
    ];
    return directRenderer(plan, { path: this.node.path, name: (n) => this.name(n), adopt: (a) => this.adopt(a), preventDestroy }, otherIds);
  }

  /** A string as the LiteralStrings aspect and cdktn's resolution would write it (literal text escaped, references resolved). */
  private resolvedLiteral(s: string): string {
    const escaped = literalFragment(s) as string;
    if (!Token.isUnresolved(escaped)) return escaped;
    return Tokenization.resolve(escaped, { scope: this, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) }) as string;
  }

  private name(terraformName: string): string {
    return `${this.prefix}${terraformName}`;
  }

  /** The plan's adoption, its import ID on the instance construct's ID when the plan targets one. */
  private adopt(adopted: KafkaAdoption | undefined): KafkaAdoption | undefined {
    const p = this.importIdPrefix;
    if (adopted === undefined || p === undefined || !adopted.importId.startsWith(p.planned)) return adopted;
    return { ...adopted, importId: `${p.actual}${adopted.importId.slice(p.planned.length)}` };
  }

  private buildInstance(inst: PlannedNewInstance, password: string | undefined): { instance: KafkaInstance; network?: KafkaNetwork } {
    let vpcId: string;
    let vswitchIds: readonly string[];
    let securityGroupId: string | undefined;
    let network: KafkaNetwork | undefined;
    if (inst.network.mode === 'new') {
      network = new KafkaNetwork(this, 'Network', {
        name: inst.name,
        vpcCidr: inst.network.vpcCidr,
        vswitches: inst.network.vswitches,
        terraformNamePrefix: this.name('network_'),
      });
      vpcId = network.vpcId;
      vswitchIds = network.vswitchIds;
      securityGroupId = network.securityGroupId;
    } else {
      vpcId = inst.network.vpcId;
      vswitchIds = inst.network.vswitchIds;
    }
    const instance = new KafkaInstance(this, 'Instance', {
      name: inst.name,
      edition: KafkaEdition.of(inst.specType),
      ioMaxSpec: inst.ioMaxSpec,
      diskType: KafkaDiskType.of(inst.diskType),
      diskSize: inst.diskSize,
      partitionNum: inst.partitionNum,
      deployType: KafkaDeployType.of(inst.deployType),
      eipMax: inst.eipMax,
      serviceVersion: inst.serviceVersion,
      vpcId,
      vswitchIds,
      zoneIds: inst.zoneIds,
      securityGroupId,
      config: inst.config,
      paidType: inst.paidType,
      preventDestroy: inst.preventDestroy,
      tags: inst.tags,
      password: inst.passwordVariable !== undefined ? password : undefined,
      terraformName: this.name('instance'),
    });
    return { instance, network };
  }

  private buildTopics(plan: MigrationPlan, preventDestroy: boolean | undefined): Map<string, KafkaTopic> {
    // the planned topics, then MirrorMaker's own: one apply creates everything it needs (clients cannot create
    // topics on AliKafka); MirrorMaker's topics carry no per-topic configs
    const all: ReadonlyArray<PlannedTopic | PlannedMirrorMakerTopic> = [...plan.topics, ...(plan.transfer?.mirrorMaker?.topics ?? [])];
    const topics = new Map<string, KafkaTopic>();
    for (const t of all) {
      topics.set(
        t.name,
        new KafkaTopic(this, t.terraformName, {
          instanceId: this.instanceId,
          topic: t.name,
          partitions: t.partitions,
          localStorage: t.storage === 'local',
          compact: t.compact,
          configs: 'configs' in t ? t.configs : undefined,
          remark: t.remark,
          preventDestroy: preventDestroy ?? t.preventDestroy,
          terraformName: this.name(t.terraformName),
          adopt: this.adopt(t.adopted),
          tags: t.tags,
        }),
      );
    }
    return topics;
  }

  /**
   * The plan's pacing (lib/plan/pacing.ts): one `time_sleep` per wave, each starting after the sleep the plan names
   * (the previous wave's; the first after the instance, when this stack creates it, or with the apply), and each
   * wave's topics depending on their sleep, so CreateTopic calls arrive at AliKafka's limit. Addresses of the topics
   * do not change; the sleeps are the plan's. Returns each paced topic's sleep by the topic's plan Terraform name
   * (direct emission writes its depends_on).
   */
  private pace(plan: MigrationPlan): Map<string, TerraformResource> {
    const created = new Map<string, string>();
    for (const t of [...plan.topics, ...(plan.transfer?.mirrorMaker?.topics ?? [])]) created.set(t.terraformName, t.name);
    const sleepOf = new Map<string, TerraformResource>();
    const sleeps = new Map<string, KafkaPaceSleep>();
    for (const s of plan.pacing?.sleeps ?? []) {
      const sleep = new KafkaPaceSleep(this, s.terraformName, { createDuration: s.createDuration, terraformName: this.name(s.terraformName) });
      sleeps.set(s.terraformName, sleep);
      const after = s.after === undefined ? undefined : sleeps.get(s.after);
      if (s.after !== undefined && after === undefined)
        throw new Error(`plan pacing: sleep ${s.terraformName} starts after ${s.after}, which the plan does not list before it`);
      if (after) sleep.resource.dependsOn = [dependable(after.resource)];
      else if (this.instance) sleep.resource.dependsOn = [dependable(this.instance.resource)];
      for (const name of s.topics) {
        const topicName = created.get(name);
        if (topicName === undefined) throw new Error(`plan pacing names topic resource ${name}, which the plan does not create`);
        sleepOf.set(name, sleep.resource);
        // constructs: the topic's L1 waits for its sleep; direct emission writes the same depends_on (DirectReferences)
        const topic = this.topics.get(topicName);
        if (topic) topic.resource.dependsOn = [...(topic.resource.dependsOn ?? []), dependable(sleep.resource)];
      }
    }
    return sleepOf;
  }

  private buildGroups(plan: MigrationPlan): Map<string, KafkaConsumerGroup> {
    const groups = new Map<string, KafkaConsumerGroup>();
    for (const g of plan.groups) {
      groups.set(
        g.name,
        new KafkaConsumerGroup(this, g.terraformName, {
          instanceId: this.instanceId,
          consumerId: g.name,
          remark: g.remark,
          tags: g.tags,
          terraformName: this.name(g.terraformName),
          adopt: this.adopt(g.adopted),
        }),
      );
    }
    for (const g of plan.transfer?.mirrorMaker?.groups ?? []) {
      groups.set(
        g.name,
        new KafkaConsumerGroup(this, g.terraformName, {
          instanceId: this.instanceId,
          consumerId: g.name,
          remark: g.remark,
          terraformName: this.name(g.terraformName),
          adopt: this.adopt(g.adopted),
        }),
      );
    }
    return groups;
  }

  private buildUsers(plan: MigrationPlan, passwords: Readonly<Record<string, string>>): Map<string, KafkaSaslUser> {
    const users = new Map<string, KafkaSaslUser>();
    for (const u of plan.users) {
      users.set(
        u.name,
        new KafkaSaslUser(this, u.terraformName, {
          instanceId: this.instanceId,
          username: u.name,
          password: passwords[u.name],
          type: u.type,
          terraformName: this.name(u.terraformName),
          adopt: this.adopt(u.adopted),
        }),
      );
    }
    return users;
  }

  /**
   * SASL users, then ACLs, are created one at a time, each after the one before it (a depends_on chain). At provider
   * 1.289.0 both resources read the object right after creating it and fail on "not found" while AliKafka has not
   * made it visible yet, which overlapping creates of users and ACLs on one instance bring about (fixed in later
   * providers, aliyun/terraform-provider-alicloud PR #10362). Serial creation keeps every -parallelism safe; it
   * costs one create and one read per user and ACL.
   */
  private chainSaslWrites(): void {
    const chain: TerraformResource[] = [...[...this.users.values()].map((u) => u.resource), ...this.acls.map((a) => a.resource)];
    for (let i = 1; i < chain.length; i++) chain[i].dependsOn = [...(chain[i].dependsOn ?? []), dependable(chain[i - 1])];
  }

  /** An ACL, created after its user and, for a literal topic or group, after that object. */
  private buildAcl(a: PlannedAcl): void {
    const deps: Array<KafkaSaslUser | KafkaTopic | KafkaConsumerGroup> = [];
    const user = this.users.get(a.username);
    if (user) deps.push(user);
    const literal = a.patternType === 'LITERAL';
    const topic = literal && a.resourceType === 'Topic' ? this.topics.get(a.resourceName) : undefined;
    const group = literal && a.resourceType === 'Group' ? this.groups.get(a.resourceName) : undefined;
    if (topic) deps.push(topic);
    if (group) deps.push(group);
    const acl = new KafkaAcl(this, a.terraformName, {
      instanceId: this.instanceId,
      username: a.username,
      resourceType: a.resourceType,
      resourceName: a.resourceName,
      patternType: a.patternType,
      operation: a.operation,
      host: a.host,
      dependsOn: deps,
      terraformName: this.name(a.terraformName),
    });
    this.acls.push(acl);
  }
}
