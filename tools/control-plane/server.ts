/**
 * A local AliKafka control plane for rehearsals: an HTTP server on 127.0.0.1 that answers the Alibaba Cloud
 * RPC-style API calls the aliyun/alicloud provider (v1.289.0) makes for the resources alikafka-migrate emits
 * (AliKafka 2019-09-16, VPC 2016-04-28, ECS 2014-05-26, plus the configure step's BssOpenApi/STS calls), with a
 * real Kafka broker behind it (see broker.ts). README.md in this folder lists every action, the fields read and
 * written, the rules enforced and what is not implemented.
 *
 * A test and rehearsal tool: not part of the published package.
 */
import * as http from 'http';
import { randomBytes } from 'crypto';
import { AclEntry, AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } from '../kafka';
import { Broker } from './broker';
import { API_RATE_LIMITS, READ_API_RATE_LIMITS, findEdition } from '../../lib/alikafka';
import {
  ALLOWED_IP_PORT_RANGES,
  DEFAULT_SPEC_TYPE,
  defaultInstanceConfig,
  DEPLOY_TYPE,
  DISK_SIZE,
  DISK_TYPE,
  findIoSpec,
  INSTANCE_CONFIG_KEYS,
  isValidGroupName,
  isValidTopicName,
  isValidUsername,
  MAX_PARTITIONS_PER_TOPIC,
  NEWEST_SERVICE_VERSION,
  OLDEST_SERVICE_VERSION,
  PROFESSIONAL,
  SMALLEST_IO_SPEC,
  SPEC_TYPES,
  STARTABLE_SERVICE_VERSIONS,
  TOPIC_MESSAGE_BYTES,
  TOPIC_RETENTION_MS,
  VPC_MASK,
} from './rules';

export type Params = Readonly<Record<string, string>>;

/** Published per-API rate limits of AliKafka (calls per second, per account and region), from the rule module. */
export const RATE_LIMITS: Readonly<Record<string, number>> = { ...READ_API_RATE_LIMITS, ...API_RATE_LIMITS };

export const ALIKAFKA_VERSION = '2019-09-16';
export const VPC_VERSION = '2016-04-28';
export const ECS_VERSION = '2014-05-26';

/** Instance ServiceStatus values (GetInstanceList): 0 waiting for deployment, 1 deploying, 5 running, 15 released/expired. */
export const STATUS_PENDING = 0;
export const STATUS_DEPLOYING = 1;
export const STATUS_RUNNING = 5;
export const STATUS_RELEASED = 15;

export class ApiError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Instance {
  runningAt?: number;
  id: string;
  orderId: string;
  regionId: string;
  status: number;
  name: string;
  diskType: number;
  diskSize: number;
  deployType: number;
  ioMax: number;
  ioMaxSpec: string;
  specType: string;
  eipMax: number;
  partitionNum: number;
  paidType: number;
  vpcId: string;
  vswitchId: string;
  vswitchIds: string[];
  zoneId: string;
  securityGroup: string;
  serviceVersion: string;
  config: Record<string, string>;
  createTime: number;
  autoCreateGroup: boolean;
  autoCreateTopic: boolean;
  defaultPartitionNum: number;
  allowed: { vpc: Map<string, Set<string>>; internet: Map<string, Set<string>> };
  /** The Kafka broker behind this instance (each instance of a clone rehearsal has its own). */
  broker: Broker;
  tags: Map<string, string>;
}
interface Topic {
  instanceId: string;
  topic: string;
  remark: string;
  partitionNum: number;
  compact: boolean;
  local: boolean;
  config?: string;
  createTime: number;
  tags: Map<string, string>;
}
interface Group {
  instanceId: string;
  consumerId: string;
  remark: string;
  createTime: number;
  tags: Map<string, string>;
}
interface User {
  instanceId: string;
  username: string;
  password: string;
  type: string;
  mechanism: string;
  /** Eventual consistency: invisible to DescribeSaslUsers before this time (ms since the epoch). */
  visibleAt?: number;
}
interface Acl {
  instanceId: string;
  username: string;
  resourceType: string;
  resourceName: string;
  patternType: string;
  operation: string;
  host: string;
  permission: string;
  /** Eventual consistency: invisible to DescribeAcls before this time (ms since the epoch). */
  visibleAt?: number;
}
interface Vpc {
  id: string;
  cidr: string;
  name: string;
  description: string;
  routerId: string;
  routeTableId: string;
  createTime: string;
}
interface VSwitch {
  id: string;
  vpcId: string;
  cidr: string;
  zoneId: string;
  name: string;
  description: string;
  createTime: string;
}
interface SecurityGroup {
  id: string;
  vpcId: string;
  name: string;
  description: string;
  type: string;
  createTime: string;
  innerAccessPolicy: string;
}

export interface ControlPlaneOptions {
  readonly regionId?: string;
  /** Time from StartInstance to ServiceStatus 5 (running), ms. */
  readonly deployMs?: number;
  /** Multiplies every published rate limit (1 = as published). */
  readonly rateScale?: number;
  /**
   * Eventual consistency of SASL users and ACLs, as the provider's tracker reports it for 1.289.0 (the provider
   * reads right after a create and fails on "not found"; fixed later, PR #10362): a user or ACL whose create
   * overlapped another user or ACL create on the same instance stays invisible to DescribeSaslUsers/DescribeAcls
   * for this long after its create answered, ms. 0 (default): reads see every write at once.
   */
  readonly consistencyLagMs?: number;
  /** How long a SASL user or ACL create takes when `consistencyLagMs` is set, ms (default 150). */
  readonly saslWriteMs?: number;
  /**
   * The AccessKeyId callers must sign with (the `AccessKeyId` query parameter of the provider's RPC calls, or the
   * `Credential=` of the SDK's ACS3 `Authorization` header); another key is answered `InvalidAccessKeyId.NotFound`
   * (HTTP 404), as Alibaba does. Signatures are not verified. @default any key
   */
  readonly accessKeyId?: string;
  /** Brokers for the instances orders create, one each in order (a clone rehearsal's instance B); then the default broker. */
  readonly orderBrokers?: readonly Broker[];
  /** Appends one line per call (action, outcome) here, for tests and the bench. */
  readonly onCall?: (action: string, outcome: 'ok' | 'throttled' | 'error', code?: string, message?: string) => void;
}

export interface CallStats {
  readonly calls: Record<string, number>;
  readonly throttled: Record<string, number>;
  readonly errors: Record<string, number>;
}

const TOPIC_ACL_TYPES: Readonly<Record<string, string>> = { topic: 'TOPIC', group: 'GROUP', cluster: 'CLUSTER', transactionalid: 'TRANSACTIONAL_ID' };
const ACL_OPERATIONS: Readonly<Record<string, string>> = {
  write: 'WRITE',
  read: 'READ',
  describe: 'DESCRIBE',
  idempotentwrite: 'IDEMPOTENT_WRITE',
  idempotent_write: 'IDEMPOTENT_WRITE',
  describe_configs: 'DESCRIBE_CONFIGS',
  describeconfigs: 'DESCRIBE_CONFIGS',
};

/** One more call of `action` in window `second`. */
function count(perSecond: Map<string, Map<number, number>>, action: string, second: number): void {
  const byWindow = perSecond.get(action) ?? new Map<number, number>();
  byWindow.set(second, (byWindow.get(second) ?? 0) + 1);
  perSecond.set(action, byWindow);
}

function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class ControlPlane {
  private server?: http.Server;
  private seq = 0;
  private readonly instances = new Map<string, Instance>();
  private readonly topics = new Map<string, Topic>();
  private readonly groups = new Map<string, Group>();
  private readonly users = new Map<string, User>();
  private readonly acls: Acl[] = [];
  private readonly vpcs = new Map<string, Vpc>();
  private readonly vswitches = new Map<string, VSwitch>();
  private readonly securityGroups = new Map<string, SecurityGroup>();
  private readonly windows = new Map<string, { second: number; count: number }>();
  /** SASL user and ACL creates in flight per instance; each flags whether another overlapped it. */
  private readonly saslWrites = new Map<string, Set<{ overlapped: boolean }>>();
  readonly stats: CallStats = { calls: {}, throttled: {}, errors: {} };
  /** Calls admitted under a rate limit, per action and one-second window (epoch second -> calls): how close an apply came to the limit. */
  readonly admittedPerSecond = new Map<string, Map<number, number>>();
  /** Calls refused by a rate limit, per action and one-second window (epoch second -> calls). */
  readonly throttledPerSecond = new Map<string, Map<number, number>>();
  /** Every CreateTopic that reached the rate limit, in arrival order: when (epoch ms), its Topic, and whether it was admitted. */
  readonly createTopicArrivals: { readonly ms: number; readonly topic: string; readonly admitted: boolean }[] = [];
  readonly regionId: string;
  private readonly deployMs: number;
  private readonly rateScale: number;
  private readonly spareBrokers: Broker[];

  constructor(
    readonly broker: Broker,
    readonly opts: ControlPlaneOptions = {},
  ) {
    this.regionId = opts.regionId ?? 'cn-hangzhou';
    this.deployMs = opts.deployMs ?? 2000;
    this.rateScale = opts.rateScale ?? 1;
    this.spareBrokers = [...(opts.orderBrokers ?? [])];
  }

  async listen(port: number): Promise<number> {
    this.server = http.createServer((req, res) => {
      void this.handle(req, res);
    });
    this.server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    const addr = this.server.address();
    return typeof addr === 'object' && addr ? addr.port : port;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private id(prefix: string): string {
    this.seq += 1;
    return `${prefix}${this.seq.toString(36).padStart(6, '0')}rehearse`;
  }

  // ---------------------------------------------------------------- pre-provisioning (out-of-band objects)

  /** An instance that already exists and runs (for `--instance-id` rehearsals). */
  provisionInstance(p: {
    id: string;
    ioMaxSpec?: string;
    specType?: string;
    partitionNum?: number;
    name?: string;
    enableAcl?: boolean;
    /** The broker behind it. @default the control plane's broker */
    broker?: Broker;
    regionId?: string;
    tags?: Readonly<Record<string, string>>;
  }): void {
    const now = Date.now();
    const spec = findIoSpec(p.ioMaxSpec ?? SMALLEST_IO_SPEC);
    this.instances.set(p.id, {
      broker: p.broker ?? this.broker,
      tags: new Map(Object.entries(p.tags ?? {})),
      id: p.id,
      orderId: this.id('order-'),
      regionId: p.regionId ?? this.regionId,
      status: STATUS_RUNNING,
      name: p.name ?? p.id,
      diskType: DISK_TYPE.cloud,
      diskSize: DISK_SIZE.min,
      deployType: DEPLOY_TYPE.vpc,
      ioMax: spec ? spec.writeMBps : 20,
      ioMaxSpec: spec?.name ?? SMALLEST_IO_SPEC,
      specType: p.specType ?? PROFESSIONAL,
      eipMax: 0,
      partitionNum: p.partitionNum ?? 0,
      paidType: 1,
      vpcId: 'vpc-existing',
      vswitchId: 'vsw-existing',
      vswitchIds: ['vsw-existing'],
      zoneId: `${this.regionId}-k`,
      securityGroup: 'sg-existing',
      serviceVersion: NEWEST_SERVICE_VERSION,
      config: this.defaultConfig({ [INSTANCE_CONFIG_KEYS.acl]: p.enableAcl === false ? 'false' : 'true' }),
      createTime: now,
      autoCreateGroup: false,
      autoCreateTopic: false,
      defaultPartitionNum: 12,
      allowed: { vpc: new Map([[ALLOWED_IP_PORT_RANGES.vpc, new Set(['0.0.0.0/0'])]]), internet: new Map() },
    });
  }

  /** Calls an action directly (for out-of-band setup in tests: the same code path as HTTP, without rate limits). */
  async call(action: string, params: Record<string, string>, version = ALIKAFKA_VERSION): Promise<Record<string, unknown>> {
    return this.dispatch(version, action, { RegionId: this.regionId, ...params });
  }

  // ---------------------------------------------------------------- HTTP

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const params: Record<string, string> = {};
    for (const [k, v] of url.searchParams) params[k] = v;
    const body = Buffer.concat(chunks).toString('utf8');
    if (body && !(req.headers['content-type'] ?? '').includes('json')) {
      for (const [k, v] of new URLSearchParams(body)) params[k] = v;
    }
    // the provider's RPC calls carry Action/Version in the query; the SDK's ACS3 calls in x-acs-action/x-acs-version headers
    const action = params.Action ?? String(req.headers['x-acs-action'] ?? '');
    const version = params.Version ?? String(req.headers['x-acs-version'] ?? '');
    const accessKeyId = params.AccessKeyId ?? /Credential=([^,\s]+)/.exec(String(req.headers.authorization ?? ''))?.[1];
    const requestId = randomBytes(16)
      .toString('hex')
      .toUpperCase()
      .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
    let status = 200;
    let payload: Record<string, unknown>;
    this.stats.calls[action] = (this.stats.calls[action] ?? 0) + 1;
    try {
      if (this.opts.accessKeyId !== undefined && accessKeyId !== this.opts.accessKeyId)
        throw new ApiError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
      this.throttle(action, params);
      payload = { RequestId: requestId, ...(await this.dispatch(version, action, params)) };
      this.opts.onCall?.(action, 'ok');
    } catch (e) {
      const err =
        e instanceof ApiError ? e : new ApiError(500, 'InternalError', `The request processing has failed due to some unknown error: ${(e as Error).message}`);
      status = err.httpStatus;
      payload = {
        RequestId: requestId,
        HostId: url.host,
        Code: err.code,
        Message: err.message,
        Recommend: `https://api.aliyun.com/troubleshoot?q=${err.code}`,
      };
      if (version === ALIKAFKA_VERSION) payload.Success = false;
      if (err.code === 'Throttling.User') this.stats.throttled[action] = (this.stats.throttled[action] ?? 0) + 1;
      else this.stats.errors[`${action}:${err.code}`] = (this.stats.errors[`${action}:${err.code}`] ?? 0) + 1;
      this.opts.onCall?.(action, err.code === 'Throttling.User' ? 'throttled' : 'error', err.code, err.message);
    }
    const text = JSON.stringify(payload);
    res.writeHead(status, {
      'Content-Type': 'application/json;charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
      'x-acs-request-id': String(payload.RequestId),
    });
    res.end(text);
  }

  /** Fixed one-second windows per action, as the published "calls per second" limits read. */
  private throttle(action: string, params: Params): void {
    const limit = RATE_LIMITS[action];
    if (limit === undefined) return;
    const ms = Date.now();
    const second = Math.floor(ms / 1000);
    const w = this.windows.get(action);
    if (!w || w.second !== second) {
      this.windows.set(action, { second, count: 1 });
    } else {
      w.count += 1;
      if (w.count > Math.max(1, Math.floor(limit * this.rateScale))) {
        count(this.throttledPerSecond, action, second);
        if (action === 'CreateTopic') this.createTopicArrivals.push({ ms, topic: String(params.Topic ?? ''), admitted: false });
        throw new ApiError(400, 'Throttling.User', 'Request was denied due to user flow control.');
      }
    }
    count(this.admittedPerSecond, action, second);
    if (action === 'CreateTopic') this.createTopicArrivals.push({ ms, topic: String(params.Topic ?? ''), admitted: true });
  }

  private async dispatch(version: string, action: string, p: Params): Promise<Record<string, unknown>> {
    const key = `${version}/${action}`;
    const handler = this.handlers[key];
    if (!handler) {
      const known = [ALIKAFKA_VERSION, VPC_VERSION, ECS_VERSION, BSS_VERSION, STS_VERSION].includes(version);
      if (!known) throw new ApiError(400, 'InvalidVersion', `Specified parameter Version is not valid: ${version}`);
      throw new ApiError(
        404,
        'InvalidAction.NotFound',
        `Specified api is not found, please check your url and method. (rehearsal control plane: ${action} ${version} is not implemented)`,
      );
    }
    return handler.call(this, p);
  }

  // ---------------------------------------------------------------- helpers

  private ok(extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { Code: 200, Message: 'operation success.', Success: true, ...extra };
  }

  private required(p: Params, name: string): string {
    const v = p[name];
    if (v === undefined || v === '')
      throw new ApiError(400, 'MissingParameter', `The input parameter "${name}" that is mandatory for processing this request is not supplied.`);
    return v;
  }

  private int(p: Params, name: string, dflt?: number): number {
    const v = p[name];
    if (v === undefined || v === '') {
      if (dflt !== undefined) return dflt;
      throw new ApiError(400, 'MissingParameter', `The input parameter "${name}" that is mandatory for processing this request is not supplied.`);
    }
    if (!/^-?\d+$/.test(v)) throw new ApiError(400, 'InvalidParameter', `The parameter ${name} is invalid: ${v} is not an integer.`);
    return Number(v);
  }

  private bool(p: Params, name: string): boolean {
    return (p[name] ?? '').toLowerCase() === 'true';
  }

  /**
   * A SASL user or ACL create on an instance (eventual consistency, `consistencyLagMs`): takes `saslWriteMs`, then
   * gives a function for the object's visibleAt when it is stored: later by the lag when another such create on the
   * instance overlapped this one, undefined (visible at once) otherwise or when the lag is off.
   */
  private async saslWrite(instanceId: string): Promise<() => number | undefined> {
    const lag = this.opts.consistencyLagMs ?? 0;
    if (lag <= 0) return () => undefined;
    let inFlight = this.saslWrites.get(instanceId);
    if (!inFlight) this.saslWrites.set(instanceId, (inFlight = new Set()));
    const me = { overlapped: inFlight.size > 0 };
    for (const other of inFlight) other.overlapped = true;
    inFlight.add(me);
    try {
      await new Promise((resolve) => setTimeout(resolve, this.opts.saslWriteMs ?? 150));
    } finally {
      inFlight.delete(me);
    }
    return () => (me.overlapped ? Date.now() + lag : undefined);
  }

  private instance(p: Params, needRunning = true): Instance {
    const id = this.required(p, 'InstanceId');
    const inst = this.instances.get(id);
    if (!inst || (p.RegionId !== undefined && p.RegionId !== '' && p.RegionId !== inst.regionId))
      throw new ApiError(400, 'BIZ_INSTANCE_NOT_FOUND', `The instance ${id} does not exist${p.RegionId ? ` in region ${p.RegionId}` : ''}.`);
    this.advance(inst);
    if (needRunning && inst.status !== STATUS_RUNNING) {
      throw new ApiError(
        400,
        'BIZ.INSTANCE.STATUS.ERROR',
        `The instance ${id} is not running (ServiceStatus ${inst.status}); deploy it first (StartInstance).`,
      );
    }
    return inst;
  }

  private advance(inst: Instance): void {
    if (inst.status === STATUS_DEPLOYING && Date.now() >= (inst.runningAt ?? 0)) inst.status = STATUS_RUNNING;
  }

  private partitionQuota(inst: Instance): number {
    const spec = findIoSpec(inst.ioMaxSpec);
    return (spec ? spec.included : 1000) + inst.partitionNum;
  }

  private usage(instanceId: string): { topics: number; partitions: number; groups: number } {
    let topics = 0;
    let partitions = 0;
    let groups = 0;
    for (const t of this.topics.values())
      if (t.instanceId === instanceId) {
        topics += 1;
        partitions += t.partitionNum;
      }
    for (const g of this.groups.values()) if (g.instanceId === instanceId) groups += 1;
    return { topics, partitions, groups };
  }

  /** The instance's message size and retention reach the broker, as on AliKafka (broker.ts applyInstanceConfig). */
  private async applyToBroker(inst: Instance, config: Record<string, string>): Promise<void> {
    try {
      await inst.broker.applyInstanceConfig(config);
    } catch (e) {
      throw new ApiError(500, 'ONS_SYSTEM_ERROR', `The broker refused the instance config: ${(e as Error).message}`);
    }
  }

  private defaultConfig(overrides: Record<string, string>): Record<string, string> {
    return {
      ...defaultInstanceConfig(),
      ...overrides,
    };
  }

  private instanceVO(inst: Instance): Record<string, unknown> {
    this.advance(inst);
    const running = inst.status === STATUS_RUNNING;
    const plain = running ? inst.broker.plaintextEndpoint : '';
    const sasl = running ? inst.broker.saslEndpoint : '';
    return {
      InstanceId: inst.id,
      Name: inst.name,
      RegionId: inst.regionId,
      ServiceStatus: inst.status,
      DeployType: inst.deployType,
      DiskType: inst.diskType,
      DiskSize: inst.diskSize,
      IoMax: inst.ioMax,
      IoMaxSpec: inst.ioMaxSpec,
      EipMax: inst.eipMax,
      SpecType: inst.specType,
      PaidType: inst.paidType,
      VpcId: inst.vpcId,
      VSwitchId: inst.vswitchId,
      ZoneId: inst.zoneId,
      VSwitchIds: { VSwitchIds: inst.vswitchIds },
      SecurityGroup: inst.securityGroup,
      ResourceGroupId: 'rg-rehearsal',
      EndPoint: plain,
      DomainEndpoint: plain,
      SslEndPoint: '',
      SslDomainEndpoint: '',
      SaslDomainEndpoint: sasl,
      VpcSaslDomainEndpoint: sasl,
      UpgradeServiceDetailInfo: { Current2OpenSourceVersion: inst.serviceVersion },
      AllConfig: JSON.stringify(inst.config),
      CreateTime: inst.createTime,
      ExpiredTime: inst.createTime + 10 * 365 * 86_400_000,
      MsgRetain: Number(inst.config[INSTANCE_CONFIG_KEYS.retentionHours] ?? defaultInstanceConfig()[INSTANCE_CONFIG_KEYS.retentionHours]),
      TopicNumLimit: this.partitionQuota(inst),
      AutoCreateGroupEnable: inst.autoCreateGroup,
      AutoCreateTopicEnable: inst.autoCreateTopic,
      DefaultPartitionNum: inst.defaultPartitionNum,
      KmsKeyId: '',
      Tags: { TagVO: tagVOs(inst.tags) },
      ReservedPublishCapacity: 0,
      ReservedSubscribeCapacity: 0,
      Series: inst.specType,
    };
  }

  private topicVO(t: Topic): Record<string, unknown> {
    return {
      InstanceId: t.instanceId,
      Topic: t.topic,
      Remark: t.remark,
      PartitionNum: t.partitionNum,
      CompactTopic: t.compact,
      LocalTopic: t.local,
      CreateTime: t.createTime,
      RegionId: this.regionId,
      Status: 0,
      StatusName: 'Running',
      AutoCreate: false,
      Tags: { TagVO: tagVOs(t.tags) },
      ...(t.config !== undefined ? { TopicConfig: t.config } : {}),
    };
  }

  // ---------------------------------------------------------------- handlers

  private readonly handlers: Readonly<Record<string, (this: ControlPlane, p: Params) => Promise<Record<string, unknown>> | Record<string, unknown>>> = {
    // --- configure step
    [`${BSS_VERSION}/QueryAvailableInstances`]: () => ({
      Code: 'Success',
      Message: 'Successful!',
      Success: true,
      Data: { TotalCount: 0, PageNum: 1, PageSize: 50, InstanceList: [] },
    }),
    [`${STS_VERSION}/GetCallerIdentity`]: () => ({
      AccountId: '1234567890123456',
      UserId: '1234567890123456',
      Arn: 'acs:ram::1234567890123456:root',
      IdentityType: 'Account',
      PrincipalId: '1234567890123456',
    }),

    // --- AliKafka: instance lifecycle
    [`${ALIKAFKA_VERSION}/CreatePostPayOrder`]: function (p) {
      return this.createOrder(p, 1);
    },
    [`${ALIKAFKA_VERSION}/CreatePrePayOrder`]: function (p) {
      return this.createOrder(p, 0);
    },
    [`${ALIKAFKA_VERSION}/StartInstance`]: async function (p) {
      const inst = this.instance(p, false);
      if (inst.status !== STATUS_PENDING)
        throw new ApiError(400, 'BIZ.INSTANCE.STATUS.ERROR', `The instance ${inst.id} has already been deployed (ServiceStatus ${inst.status}).`);
      const vsw = this.required(p, 'VSwitchId');
      const known = this.vswitches.get(vsw);
      let vpcId = p.VpcId ?? known?.vpcId ?? '';
      if (known && p.VpcId && p.VpcId !== known.vpcId)
        throw new ApiError(400, 'BIZ_VSWITCH_VPC_NOT_MATCH', `The vSwitch ${vsw} does not belong to VPC ${p.VpcId}.`);
      if (!vpcId) throw new ApiError(400, 'MissingParameter', 'The input parameter "VpcId" that is mandatory for processing this request is not supplied.');
      if (!known && /^vsw-.*rehearse$/.test(vsw)) throw new ApiError(400, 'InvalidVSwitchId.NotFound', `The vSwitch ${vsw} does not exist.`);
      const zone = p.ZoneId ?? known?.zoneId ?? `${this.regionId}-k`;
      if (known && p.ZoneId && p.ZoneId !== known.zoneId)
        throw new ApiError(400, 'BIZ_ZONE_VSWITCH_NOT_MATCH', `The vSwitch ${vsw} is in zone ${known.zoneId}, not ${p.ZoneId}.`);
      const version = p.ServiceVersion ?? OLDEST_SERVICE_VERSION;
      if (!STARTABLE_SERVICE_VERSIONS.includes(version))
        throw new ApiError(400, 'InvalidParameter.ServiceVersion', `ServiceVersion ${version} is not supported (${STARTABLE_SERVICE_VERSIONS.join(', ')}).`);
      let config: Record<string, string> = {};
      if (p.Config) {
        try {
          config = parseStringMap(p.Config, 'Config');
        } catch (e) {
          throw new ApiError(400, 'InvalidParameter.Config', (e as Error).message);
        }
      }
      if (p.SecurityGroup && /rehearse$/.test(p.SecurityGroup) && !this.securityGroups.has(p.SecurityGroup))
        throw new ApiError(400, 'InvalidSecurityGroupId.NotFound', `The security group ${p.SecurityGroup} does not exist.`);
      if (p.Name !== undefined && !/^[\w\u4e00-\u9fa5.-]{3,64}$/.test(p.Name))
        throw new ApiError(400, 'InvalidParameter.Name', `Name ${p.Name} must be 3-64 characters.`);
      vpcId = vpcId || 'vpc-existing';
      // the broker first: if it refuses, the instance stays undeployed and a retried StartInstance can succeed
      const instanceConfig = this.defaultConfig(config);
      await this.applyToBroker(inst, instanceConfig);
      Object.assign(inst, {
        status: STATUS_DEPLOYING,
        vpcId,
        vswitchId: vsw,
        vswitchIds: p['VSwitchIds.1'] ? collectList(p, 'VSwitchIds') : [vsw],
        zoneId: zone,
        securityGroup: p.SecurityGroup ?? 'sg-default',
        serviceVersion: version,
        name: p.Name ?? inst.id,
        config: instanceConfig,
        runningAt: Date.now() + this.deployMs,
      });
      return this.ok();
    },
    [`${ALIKAFKA_VERSION}/GetInstanceList`]: function (p) {
      const ids = collectList(p, 'InstanceId');
      const list = [...this.instances.values()].filter(
        (i) => (ids.length === 0 || ids.includes(i.id)) && (!p.OrderId || i.orderId === p.OrderId) && (!p.RegionId || i.regionId === p.RegionId),
      );
      return this.ok({ InstanceList: { InstanceVO: list.map((i) => this.instanceVO(i)) } });
    },
    [`${ALIKAFKA_VERSION}/GetQuotaTip`]: function (p) {
      const inst = this.instance(p, false);
      const quota = this.partitionQuota(inst);
      const u = this.usage(inst.id);
      return this.ok({
        QuotaData: {
          TopicQuota: quota,
          TopicNumOfBuy: quota,
          TopicUsed: u.topics,
          TopicLeft: quota - u.topics,
          PartitionQuota: quota,
          PartitionNumOfBuy: inst.partitionNum,
          PartitionUsed: u.partitions,
          PartitionLeft: quota - u.partitions,
          GroupUsed: u.groups,
          GroupLeft: 2 * quota - u.groups,
          IsPartitionBuy: 1,
        },
      });
    },
    [`${ALIKAFKA_VERSION}/ListTagResources`]: function (p) {
      // instance tags from the state (topics and groups carry theirs in GetTopicList/GetConsumerList); 20 a page, NextToken
      const ids = collectList(p, 'ResourceId');
      const all: Array<{ ResourceId: string; ResourceType: string; TagKey: string; TagValue: string }> = [];
      if ((p.ResourceType ?? 'INSTANCE').toUpperCase() === 'INSTANCE')
        for (const inst of this.instances.values())
          if ((ids.length === 0 || ids.includes(inst.id)) && (!p.RegionId || inst.regionId === p.RegionId))
            for (const [k, v] of [...inst.tags.entries()].sort())
              all.push({ ResourceId: inst.id, ResourceType: 'ALIYUN::ALIKAFKA::INSTANCE', TagKey: k, TagValue: v });
      const start = p.NextToken ? Number(p.NextToken) : 0;
      if (!Number.isInteger(start) || start < 0 || start > all.length)
        throw new ApiError(400, 'InvalidParameter.NextToken', `NextToken ${p.NextToken} is not valid.`);
      const next = start + TAG_PAGE_SIZE < all.length ? String(start + TAG_PAGE_SIZE) : '';
      return { NextToken: next, TagResources: { TagResource: all.slice(start, start + TAG_PAGE_SIZE) } };
    },
    [`${ALIKAFKA_VERSION}/TagResources`]: function (p) {
      if ((p.ResourceType ?? '').toUpperCase() === 'INSTANCE')
        for (const id of collectList(p, 'ResourceId')) {
          const inst = this.instances.get(id);
          if (inst) for (const [k, v] of collectTags(p)) inst.tags.set(k, v);
        }
      return this.ok();
    },
    [`${ALIKAFKA_VERSION}/UntagResources`]: function (p) {
      if ((p.ResourceType ?? '').toUpperCase() === 'INSTANCE')
        for (const id of collectList(p, 'ResourceId')) {
          const inst = this.instances.get(id);
          if (inst) for (const k of collectList(p, 'TagKey')) inst.tags.delete(k);
        }
      return this.ok();
    },
    [`${ALIKAFKA_VERSION}/DescribeAclResourceName`]: function (p) {
      const inst = this.instance(p);
      const rtype = TOPIC_ACL_TYPES[this.required(p, 'AclResourceType').toLowerCase()];
      const pattern = p.AclResourcePatternType?.toUpperCase();
      const names = new Set(
        this.acls
          .filter((a) => a.instanceId === inst.id && a.resourceType === rtype && (pattern === undefined || a.patternType === pattern))
          .map((a) => a.resourceName),
      );
      // the SDK's model reads Data.data (lower case), so that is the answer's shape
      return this.ok({ Data: { data: [...names].sort() } });
    },
    [`${ALIKAFKA_VERSION}/ModifyInstanceName`]: function (p) {
      const inst = this.instance(p);
      inst.name = this.required(p, 'InstanceName');
      return this.ok();
    },
    [`${ALIKAFKA_VERSION}/UpdateInstanceConfig`]: async function (p) {
      const inst = this.instance(p);
      let next: Record<string, string>;
      try {
        next = { ...inst.config, ...parseStringMap(this.required(p, 'Config'), 'Config') };
      } catch (e) {
        if (e instanceof ApiError) throw e;
        throw new ApiError(400, 'InvalidParameter.Config', (e as Error).message);
      }
      await this.applyToBroker(inst, next);
      inst.config = next;
      return this.ok();
    },
    [`${ALIKAFKA_VERSION}/UpgradePostPayOrder`]: function (p) {
      return this.upgrade(p);
    },
    [`${ALIKAFKA_VERSION}/UpgradePrePayOrder`]: function (p) {
      return this.upgrade(p);
    },
    [`${ALIKAFKA_VERSION}/EnableAutoGroupCreation`]: function (p) {
      const inst = this.instance(p);
      inst.autoCreateGroup = this.bool(p, 'Enable');
      return this.ok();
    },
    [`${ALIKAFKA_VERSION}/EnableAutoTopicCreation`]: function (p) {
      const inst = this.instance(p);
      if (p.Operate === 'enable') inst.autoCreateTopic = true;
      else if (p.Operate === 'disable') inst.autoCreateTopic = false;
      else if (p.Operate === 'updatePartition') inst.defaultPartitionNum = this.int(p, 'PartitionNum');
      return this.ok();
    },
    [`${ALIKAFKA_VERSION}/ReleaseInstance`]: function (p) {
      const inst = this.instance(p, false);
      inst.status = STATUS_RELEASED;
      return this.ok();
    },
    [`${ALIKAFKA_VERSION}/DeleteInstance`]: function (p) {
      const inst = this.instance(p, false);
      if (inst.status !== STATUS_RELEASED) throw new ApiError(400, 'BIZ.INSTANCE.STATUS.ERROR', `Release the instance ${inst.id} before deleting it.`);
      this.instances.delete(inst.id);
      return this.ok();
    },
    [`${ALIKAFKA_VERSION}/GetAllowedIpList`]: function (p) {
      const inst = this.instance(p, false);
      const list = (m: Map<string, Set<string>>): unknown[] => [...m.entries()].map(([PortRange, ips]) => ({ PortRange, AllowedIpList: [...ips] }));
      return this.ok({ AllowedList: { DeployType: inst.deployType, VpcList: list(inst.allowed.vpc), InternetList: list(inst.allowed.internet) } });
    },
    [`${ALIKAFKA_VERSION}/UpdateAllowedIp`]: function (p) {
      const inst = this.instance(p);
      const type = this.required(p, 'AllowedListType');
      const port = this.required(p, 'PortRange');
      const ips = this.required(p, 'AllowedListIp')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (type !== 'vpc' && type !== 'internet')
        throw new ApiError(400, 'InvalidParameter.AllowedListType', `AllowedListType ${type} must be vpc or internet.`);
      for (const ip of ips)
        if (!/^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/.test(ip))
          throw new ApiError(400, 'InvalidParameter.AllowedListIp', `${ip} is not an IPv4 address or CIDR block.`);
      const m = inst.allowed[type];
      const set = m.get(port) ?? new Set<string>();
      if (p.UpdateType === 'add') {
        for (const ip of ips) set.add(ip);
        m.set(port, set);
      } else if (p.UpdateType === 'delete') {
        for (const ip of ips) set.delete(ip);
        if (set.size === 0) m.delete(port);
      } else throw new ApiError(400, 'InvalidParameter.UpdateType', `UpdateType ${p.UpdateType} must be add or delete.`);
      return this.ok();
    },

    // --- AliKafka: topics
    [`${ALIKAFKA_VERSION}/CreateTopic`]: async function (p) {
      const inst = this.instance(p);
      const name = this.required(p, 'Topic');
      const remark = this.required(p, 'Remark');
      if (!isValidTopicName(name))
        throw new ApiError(
          400,
          'BIZ_TOPIC_NAME_INVALID',
          `The topic name ${JSON.stringify(name)} is invalid: 3-64 characters of letters, digits, "_", "-" and ".".`,
        );
      if (!/^[\w\u4e00-\u9fa5.-]{1,64}$/.test(remark)) throw new ApiError(400, 'BIZ_REMARK_INVALID', `The remark ${JSON.stringify(remark)} is invalid.`);
      const key = `${inst.id}:${name}`;
      if (this.topics.has(key)) throw new ApiError(400, 'BIZ_TOPIC_EXISTED', `The topic ${name} already exists on instance ${inst.id}.`);
      const partitions = this.int(p, 'PartitionNum', 12);
      if (partitions < 1 || partitions > MAX_PARTITIONS_PER_TOPIC)
        throw new ApiError(400, 'BIZ_PARTITION_NUM_INVALID', `PartitionNum ${partitions} must be between 1 and ${MAX_PARTITIONS_PER_TOPIC}.`);
      const compact = this.bool(p, 'CompactTopic');
      const local = this.bool(p, 'LocalTopic') || compact;
      if ((local || compact) && !offersLocalStorage(inst.specType))
        throw new ApiError(400, 'BIZ_LOCAL_TOPIC_NOT_SUPPORTED', 'Local storage and compact topics need the Professional edition.');
      if (compact && !this.bool(p, 'LocalTopic'))
        throw new ApiError(400, 'BIZ_COMPACT_TOPIC_NEED_LOCAL', 'A compact topic must use local storage (LocalTopic=true).');
      if (!local && partitions < 2)
        throw new ApiError(400, 'BIZ_PARTITION_NUM_INVALID', 'A cloud-storage topic needs at least 2 partitions (1 partition needs local storage).');
      const quota = this.partitionQuota(inst);
      const u = this.usage(inst.id);
      if (u.topics + 1 > quota) throw new ApiError(400, 'BIZ_TOPIC_QUOTA_EXCEEDED', `The instance's topic quota (${quota}) is used up.`);
      if (u.partitions + partitions > quota)
        throw new ApiError(
          400,
          'BIZ_PARTITION_QUOTA_EXCEEDED',
          `${u.partitions} + ${partitions} partitions exceed the instance's partition quota of ${quota}.`,
        );
      let configs: Record<string, string> = {};
      if (p.Config !== undefined && p.Config !== '') {
        if (!local) throw new ApiError(400, 'BIZ_TOPIC_CONFIG_NOT_SUPPORTED', 'Topic configs can only be set on local-storage topics.');
        try {
          configs = parseStringMap(p.Config, 'Config');
        } catch (e) {
          throw new ApiError(400, 'InvalidParameter.Config', (e as Error).message);
        }
        checkTopicConfigs(configs);
      }
      const topic: Topic = {
        instanceId: inst.id,
        topic: name,
        remark,
        partitionNum: partitions,
        compact,
        local,
        config: p.Config || undefined,
        createTime: Date.now(),
        tags: new Map(collectTags(p)),
      };
      this.topics.set(key, topic); // reserve before the broker call: concurrent creates see the quota and the name
      try {
        const configEntries = Object.entries(configs).map(([n, value]) => ({ name: n, value }));
        if (compact) configEntries.push({ name: 'cleanup.policy', value: 'compact' });
        await inst.broker.admin.createTopics({
          waitForLeaders: true,
          topics: [{ topic: name, numPartitions: partitions, replicationFactor: 1, configEntries }],
        });
      } catch (e) {
        this.topics.delete(key);
        throw new ApiError(500, 'ONS_SYSTEM_ERROR', `The broker refused the topic ${name}: ${(e as Error).message}`);
      }
      return this.ok({ Data: name });
    },
    [`${ALIKAFKA_VERSION}/GetTopicList`]: function (p) {
      const inst = this.instance(p);
      const filter = p.Topic;
      const all = [...this.topics.values()].filter((t) => t.instanceId === inst.id && (filter === undefined || t.topic === filter));
      const size = Math.min(this.int(p, 'PageSize', 10000), 10000);
      const page = this.int(p, 'CurrentPage', 1);
      return this.ok({
        CurrentPage: page,
        PageSize: size,
        Total: all.length,
        TopicList: { TopicVO: all.slice((page - 1) * size, page * size).map((t) => this.topicVO(t)) },
      });
    },
    [`${ALIKAFKA_VERSION}/GetTopicStatus`]: function (p) {
      const inst = this.instance(p);
      const t = this.topics.get(`${inst.id}:${this.required(p, 'Topic')}`);
      if (!t) throw new ApiError(400, 'BIZ_TOPIC_NOT_FOUND', `The topic ${p.Topic} does not exist.`);
      return this.ok({ TopicStatus: { TotalCount: 0, LastTimeStamp: 0, OffsetTable: { OffsetTable: [] } } });
    },
    [`${ALIKAFKA_VERSION}/ModifyTopicRemark`]: function (p) {
      const inst = this.instance(p);
      const t = this.topics.get(`${inst.id}:${this.required(p, 'Topic')}`);
      if (!t) throw new ApiError(400, 'BIZ_TOPIC_NOT_FOUND', `The topic ${p.Topic} does not exist.`);
      t.remark = this.required(p, 'Remark');
      return this.ok();
    },
    [`${ALIKAFKA_VERSION}/UpdateTopicConfig`]: async function (p) {
      const inst = this.instance(p);
      const t = this.topics.get(`${inst.id}:${this.required(p, 'Topic')}`);
      if (!t) throw new ApiError(400, 'BIZ_TOPIC_NOT_FOUND', `The topic ${p.Topic} does not exist.`);
      if (!t.local) throw new ApiError(400, 'BIZ_TOPIC_CONFIG_NOT_SUPPORTED', 'Topic configs can only be set on local-storage topics.');
      let configs: Record<string, string>;
      let raw: string;
      if (p.Configs !== undefined && p.Configs !== '') {
        raw = p.Configs;
        try {
          configs = parseStringMap(raw, 'Configs');
        } catch (e) {
          throw new ApiError(400, 'InvalidParameter.Configs', (e as Error).message);
        }
      } else {
        configs = { ...(t.config ? parseStringMap(t.config, 'Config') : {}), [this.required(p, 'Config')]: this.required(p, 'Value') };
        raw = JSON.stringify(configs);
      }
      checkTopicConfigs(configs);
      const entries = Object.entries(configs).map(([name, value]) => ({ name, value }));
      if (t.compact) entries.push({ name: 'cleanup.policy', value: 'compact' });
      await inst.broker.admin.alterConfigs({ validateOnly: false, resources: [{ type: 2 /* TOPIC */, name: t.topic, configEntries: entries }] });
      t.config = raw;
      return this.ok();
    },
    [`${ALIKAFKA_VERSION}/ModifyPartitionNum`]: async function (p) {
      const inst = this.instance(p);
      const t = this.topics.get(`${inst.id}:${this.required(p, 'Topic')}`);
      if (!t) throw new ApiError(400, 'BIZ_TOPIC_NOT_FOUND', `The topic ${p.Topic} does not exist.`);
      const add = this.int(p, 'AddPartitionNum');
      if (add < 1) throw new ApiError(400, 'BIZ_PARTITION_NUM_INVALID', 'AddPartitionNum must be at least 1: partitions can only grow.');
      if (t.partitionNum + add > MAX_PARTITIONS_PER_TOPIC)
        throw new ApiError(400, 'BIZ_PARTITION_NUM_INVALID', `${t.partitionNum + add} partitions exceed ${MAX_PARTITIONS_PER_TOPIC}.`);
      const quota = this.partitionQuota(inst);
      if (this.usage(inst.id).partitions + add > quota)
        throw new ApiError(400, 'BIZ_PARTITION_QUOTA_EXCEEDED', `Adding ${add} partitions exceeds the instance's partition quota of ${quota}.`);
      await inst.broker.admin.createPartitions({ topicPartitions: [{ topic: t.topic, count: t.partitionNum + add }] });
      t.partitionNum += add;
      return this.ok();
    },
    [`${ALIKAFKA_VERSION}/DeleteTopic`]: async function (p) {
      const inst = this.instance(p);
      const key = `${inst.id}:${this.required(p, 'Topic')}`;
      const t = this.topics.get(key);
      if (!t) throw new ApiError(400, 'BIZ_TOPIC_NOT_FOUND', `The topic ${p.Topic} does not exist.`);
      await inst.broker.admin.deleteTopics({ topics: [t.topic] });
      this.topics.delete(key);
      return this.ok();
    },

    // --- AliKafka: consumer groups
    [`${ALIKAFKA_VERSION}/CreateConsumerGroup`]: async function (p) {
      const inst = this.instance(p);
      const id = this.required(p, 'ConsumerId');
      if (!isValidGroupName(id))
        throw new ApiError(
          400,
          'BIZ_CONSUMER_ID_INVALID',
          `The group name ${JSON.stringify(id)} is invalid: 3-64 characters of letters, digits, "_", "-" and ".".`,
        );
      if (p.Remark !== undefined && !/^[\w\u4e00-\u9fa5.-]{1,64}$/.test(p.Remark))
        throw new ApiError(400, 'BIZ_REMARK_INVALID', `The remark ${JSON.stringify(p.Remark)} is invalid.`);
      const key = `${inst.id}:${id}`;
      if (this.groups.has(key)) throw new ApiError(400, 'BIZ_SUBSCRIPTION_EXISTED', `The group ${id} already exists on instance ${inst.id}.`);
      const quota = 2 * this.partitionQuota(inst);
      if (this.usage(inst.id).groups + 1 > quota) throw new ApiError(400, 'BIZ_GROUP_QUOTA_EXCEEDED', `The instance's group quota (${quota}) is used up.`);
      this.groups.set(key, { instanceId: inst.id, consumerId: id, remark: p.Remark ?? '', createTime: Date.now(), tags: new Map(collectTags(p)) });
      try {
        await inst.broker.registerGroup(id);
      } catch (e) {
        this.groups.delete(key);
        throw new ApiError(500, 'ONS_SYSTEM_ERROR', `The broker refused the group ${id}: ${(e as Error).message}`);
      }
      return this.ok();
    },
    [`${ALIKAFKA_VERSION}/GetConsumerList`]: function (p) {
      const inst = this.instance(p);
      const all = [...this.groups.values()].filter((g) => g.instanceId === inst.id && (p.ConsumerId === undefined || g.consumerId === p.ConsumerId));
      const size = Math.min(this.int(p, 'PageSize', 10000), 10000);
      const page = this.int(p, 'CurrentPage', 1);
      const list = all.slice((page - 1) * size, page * size);
      return this.ok({
        Total: all.length,
        CurrentPage: page,
        PageSize: size,
        ConsumerList: {
          ConsumerVO: list.map((g) => ({
            InstanceId: g.instanceId,
            ConsumerId: g.consumerId,
            Remark: g.remark,
            RegionId: this.regionId,
            CreateTime: g.createTime,
            AutomaticallyCreatedGroup: false,
            Tags: { TagVO: tagVOs(g.tags) },
          })),
        },
      });
    },
    [`${ALIKAFKA_VERSION}/DeleteConsumerGroup`]: async function (p) {
      const inst = this.instance(p);
      const key = `${inst.id}:${this.required(p, 'ConsumerId')}`;
      const g = this.groups.get(key);
      if (!g) throw new ApiError(400, 'BIZ_SUBSCRIPTION_NOT_FOUND', `The group ${p.ConsumerId} does not exist.`);
      try {
        await inst.broker.admin.deleteGroups([g.consumerId]);
      } catch {
        /* already gone on the broker */
      }
      this.groups.delete(key);
      return this.ok();
    },
    [`${ALIKAFKA_VERSION}/UpdateConsumerOffset`]: async function (p) {
      const inst = this.instance(p);
      const g = this.groups.get(`${inst.id}:${this.required(p, 'ConsumerId')}`);
      if (!g) throw new ApiError(400, 'BIZ_SUBSCRIPTION_NOT_FOUND', `The group ${p.ConsumerId} does not exist.`);
      const topic = this.required(p, 'Topic');
      const type = this.required(p, 'ResetType');
      if (type === 'timestamp')
        await inst.broker.admin.setOffsets({
          groupId: g.consumerId,
          topic,
          partitions: (await inst.broker.admin.fetchTopicOffsetsByTimestamp(topic, this.int(p, 'Time'))).map((o) => ({
            partition: o.partition,
            offset: o.offset,
          })),
        });
      else throw new ApiError(400, 'InvalidParameter.ResetType', `ResetType ${type} is not implemented by the rehearsal control plane (timestamp only).`);
      return this.ok();
    },

    // --- AliKafka: SASL users and ACLs
    [`${ALIKAFKA_VERSION}/CreateSaslUser`]: async function (p) {
      const inst = this.instance(p);
      const visibleAt = await this.saslWrite(inst.id);
      const username = this.required(p, 'Username');
      const password = this.required(p, 'Password');
      if (!isValidUsername(username))
        throw new ApiError(
          400,
          'BIZ_SASL_USERNAME_INVALID',
          `The user name ${JSON.stringify(username)} is invalid: 1-64 characters of letters, digits, "_" and "-".`,
        );
      if (inst.config[INSTANCE_CONFIG_KEYS.acl] !== 'true')
        throw new ApiError(400, 'BIZ_ACL_NOT_ENABLED', `ACL is not enabled on instance ${inst.id} (config enable.acl).`);
      const type = p.Type ?? 'plain';
      if (type !== 'plain' && type !== 'scram' && type !== 'LDAP')
        throw new ApiError(400, 'InvalidParameter.Type', `Type ${type} must be plain, scram or LDAP.`);
      const mechanism = p.Mechanism ?? (type === 'scram' ? 'SCRAM-SHA-256' : 'PLAIN');
      if (type === 'scram' && mechanism !== 'SCRAM-SHA-256' && mechanism !== 'SCRAM-SHA-512')
        throw new ApiError(400, 'InvalidParameter.Mechanism', `Mechanism ${mechanism} must be SCRAM-SHA-256 or SCRAM-SHA-512.`);
      const key = `${inst.id}:${username}`;
      // CreateSaslUser on an existing user changes its password (that is how the provider updates a password)
      if (type === 'scram') await inst.broker.writeScramUser(username, password);
      this.users.set(key, { instanceId: inst.id, username, password, type, mechanism, visibleAt: visibleAt() });
      return this.ok();
    },
    [`${ALIKAFKA_VERSION}/DescribeSaslUsers`]: function (p) {
      const inst = this.instance(p);
      const now = Date.now();
      const list = [...this.users.values()].filter((u) => u.instanceId === inst.id && (u.visibleAt ?? 0) <= now);
      return this.ok({ SaslUserList: { SaslUserVO: list.map((u) => ({ Username: u.username, Password: u.password, Type: u.type, Mechanism: u.mechanism })) } });
    },
    [`${ALIKAFKA_VERSION}/DeleteSaslUser`]: async function (p) {
      const inst = this.instance(p);
      const key = `${inst.id}:${this.required(p, 'Username')}`;
      const u = this.users.get(key);
      if (!u) throw new ApiError(400, 'BIZ_SASL_USER_NOT_FOUND', `The user ${p.Username} does not exist.`);
      if (u.type === 'scram') await inst.broker.deleteScramUser(u.username);
      this.users.delete(key);
      return this.ok();
    },
    [`${ALIKAFKA_VERSION}/CreateAcl`]: async function (p) {
      const inst = this.instance(p);
      const acl = this.aclFromParams(inst.id, p);
      const visibleAt = await this.saslWrite(inst.id);
      if (!this.users.has(`${inst.id}:${acl.username}`) && acl.username !== '*')
        throw new ApiError(400, 'BIZ_SASL_USER_NOT_FOUND', `The SASL user ${acl.username} does not exist on instance ${inst.id}.`);
      if (!this.acls.some((a) => sameAcl(a, acl))) {
        await inst.broker.admin.createAcls({ acl: [kafkaAcl(acl)] });
        this.acls.push({ ...acl, visibleAt: visibleAt() });
      }
      return this.ok();
    },
    [`${ALIKAFKA_VERSION}/DescribeAcls`]: function (p) {
      const inst = this.instance(p);
      const username = this.required(p, 'Username');
      const rtype = TOPIC_ACL_TYPES[this.required(p, 'AclResourceType').toLowerCase()];
      const rname = this.required(p, 'AclResourceName');
      const pattern = p.AclResourcePatternType?.toUpperCase();
      const op = p.AclOperationType ? ACL_OPERATIONS[p.AclOperationType.toLowerCase()] : undefined;
      const now = Date.now();
      const list = this.acls.filter(
        (a) =>
          a.instanceId === inst.id &&
          (a.visibleAt ?? 0) <= now &&
          a.username === username &&
          a.resourceType === rtype &&
          a.resourceName === rname &&
          (pattern === undefined || a.patternType === pattern) &&
          (op === undefined || a.operation === op),
      );
      return this.ok({
        KafkaAclList: {
          KafkaAclVO: list.map((a) => ({
            Username: a.username,
            AclResourceType: a.resourceType,
            AclResourceName: a.resourceName,
            AclResourcePatternType: a.patternType,
            AclOperationType: a.operation,
            Host: a.host,
            AclPermissionType: a.permission,
          })),
        },
      });
    },
    [`${ALIKAFKA_VERSION}/DeleteAcl`]: async function (p) {
      const inst = this.instance(p);
      const acl = this.aclFromParams(inst.id, p);
      const i = this.acls.findIndex((a) => sameAcl(a, acl));
      if (i >= 0) {
        await inst.broker.admin.deleteAcls({ filters: [kafkaAcl(this.acls[i])] });
        this.acls.splice(i, 1);
      }
      return this.ok();
    },

    // --- VPC
    [`${VPC_VERSION}/CreateVpc`]: function (p) {
      const cidr = p.CidrBlock ?? '172.16.0.0/12';
      if (!isCidr(cidr) || !['10.', '172.', '192.168.'].some((x) => cidr.startsWith(x)))
        throw new ApiError(400, 'InvalidCidrBlock.Malformed', `Specified CIDR block ${cidr} is not valid.`);
      if (p.VpcName !== undefined && !/^[A-Za-z\u4e00-\u9fa5][\w\u4e00-\u9fa5.-]{1,127}$/.test(p.VpcName))
        throw new ApiError(400, 'InvalidVpcName.Malformed', `The VPC name ${p.VpcName} is malformed.`);
      const v: Vpc = {
        id: this.id('vpc-'),
        cidr,
        name: p.VpcName ?? '',
        description: p.Description ?? '',
        routerId: this.id('vrt-'),
        routeTableId: this.id('vtb-'),
        createTime: rfc3339(Date.now()),
      };
      this.vpcs.set(v.id, v);
      return { VpcId: v.id, VRouterId: v.routerId, RouteTableId: v.routeTableId, ResourceGroupId: 'rg-rehearsal' };
    },
    [`${VPC_VERSION}/DescribeVpcAttribute`]: function (p) {
      const v = this.vpcs.get(this.required(p, 'VpcId'));
      if (!v) return { VpcId: '' };
      return {
        VpcId: v.id,
        RegionId: this.regionId,
        Status: 'Available',
        VpcName: v.name,
        Description: v.description,
        CidrBlock: v.cidr,
        VRouterId: v.routerId,
        CreationTime: v.createTime,
        IsDefault: false,
        ClassicLinkEnabled: false,
        EnabledIpv6: false,
        Ipv6CidrBlock: '',
        DnsHostnameStatus: 'DISABLED',
        ResourceGroupId: 'rg-rehearsal',
        OwnerId: 1234567890123456,
        UserCidrs: { UserCidr: [] },
        SecondaryCidrBlocks: { SecondaryCidrBlock: [] },
        Ipv6CidrBlocks: { Ipv6CidrBlock: [] },
        Tags: { Tag: [] },
        VSwitchIds: { VSwitchId: [...this.vswitches.values()].filter((s) => s.vpcId === v.id).map((s) => s.id) },
      };
    },
    [`${VPC_VERSION}/DescribeRouteTableList`]: function (p) {
      const list = [...this.vpcs.values()].filter((v) => (!p.VpcId || v.id === p.VpcId) && (!p.RouteTableId || v.routeTableId === p.RouteTableId));
      return {
        TotalCount: list.length,
        PageNumber: 1,
        PageSize: 10,
        Success: true,
        Code: '200',
        Message: 'successful',
        RouterTableList: {
          RouterTableListType: list.map((v) => ({
            RouteTableId: v.routeTableId,
            RouteTableType: 'System',
            VpcId: v.id,
            RouterId: v.routerId,
            RouterType: 'VRouter',
            RouteTableName: '',
            Description: '',
            ResourceGroupId: 'rg-rehearsal',
            Status: 'Available',
            RoutePropagationEnable: true,
            CreationTime: v.createTime,
            Tags: { Tag: [] },
          })),
        },
      };
    },
    [`${VPC_VERSION}/ModifyVpcAttribute`]: function (p) {
      const v = this.vpcs.get(this.required(p, 'VpcId'));
      if (!v) throw new ApiError(404, 'InvalidVpcId.NotFound', `Specified VPC ${p.VpcId} does not exist.`);
      if (p.VpcName !== undefined) v.name = p.VpcName;
      if (p.Description !== undefined) v.description = p.Description;
      return {};
    },
    [`${VPC_VERSION}/ModifyRouteTableAttributes`]: () => ({ Code: '200', Message: 'successful', Success: true }),
    [`${VPC_VERSION}/DeleteVpc`]: function (p) {
      const id = this.required(p, 'VpcId');
      if ([...this.vswitches.values()].some((s) => s.vpcId === id))
        throw new ApiError(400, 'DependencyViolation.VSwitch', `Specified VPC ${id} still has vSwitches.`);
      this.vpcs.delete(id);
      return {};
    },
    [`${VPC_VERSION}/CreateVSwitch`]: function (p) {
      const vpcId = this.required(p, 'VpcId');
      const vpc = this.vpcs.get(vpcId);
      if (!vpc) throw new ApiError(404, 'InvalidVpcId.NotFound', `Specified VPC ${vpcId} does not exist.`);
      const cidr = this.required(p, 'CidrBlock');
      if (!isCidr(cidr) || !cidrWithin(cidr, vpc.cidr))
        throw new ApiError(400, 'InvalidCidrBlock.Malformed', `The CIDR block ${cidr} is not within the VPC's ${vpc.cidr}.`);
      for (const s of this.vswitches.values())
        if (s.vpcId === vpcId && cidrOverlap(s.cidr, cidr))
          throw new ApiError(400, 'InvalidCidrBlock.Overlapped', `The CIDR block ${cidr} overlaps vSwitch ${s.id} (${s.cidr}).`);
      const zone = this.required(p, 'ZoneId');
      if (!zone.startsWith(`${this.regionId}-`)) throw new ApiError(400, 'InvalidZoneId.NotFound', `The zone ${zone} is not in region ${this.regionId}.`);
      const s: VSwitch = {
        id: this.id('vsw-'),
        vpcId,
        cidr,
        zoneId: zone,
        name: p.VSwitchName ?? '',
        description: p.Description ?? '',
        createTime: rfc3339(Date.now()),
      };
      this.vswitches.set(s.id, s);
      return { VSwitchId: s.id };
    },
    [`${VPC_VERSION}/DescribeVSwitchAttributes`]: function (p) {
      const s = this.vswitches.get(this.required(p, 'VSwitchId'));
      if (!s) return { VSwitchId: '' };
      return {
        VSwitchId: s.id,
        VpcId: s.vpcId,
        Status: 'Available',
        CidrBlock: s.cidr,
        ZoneId: s.zoneId,
        VSwitchName: s.name,
        Description: s.description,
        CreationTime: s.createTime,
        IsDefault: false,
        Ipv6CidrBlock: '',
        AvailableIpAddressCount: 252,
        RegionId: this.regionId,
        ResourceGroupId: 'rg-rehearsal',
        OwnerId: 1234567890123456,
        Tags: { Tag: [] },
        RouteTable: { RouteTableId: this.vpcs.get(s.vpcId)?.routeTableId ?? '', RouteTableType: 'System' },
      };
    },
    [`${VPC_VERSION}/ModifyVSwitchAttribute`]: function (p) {
      const s = this.vswitches.get(this.required(p, 'VSwitchId'));
      if (!s) throw new ApiError(404, 'InvalidVSwitchId.NotFound', `Specified vSwitch ${p.VSwitchId} does not exist.`);
      if (p.VSwitchName !== undefined) s.name = p.VSwitchName;
      if (p.Description !== undefined) s.description = p.Description;
      return {};
    },
    [`${VPC_VERSION}/DeleteVSwitch`]: function (p) {
      this.vswitches.delete(this.required(p, 'VSwitchId'));
      return {};
    },

    // --- ECS security groups
    [`${ECS_VERSION}/CreateSecurityGroup`]: function (p) {
      if (p.VpcId && !this.vpcs.has(p.VpcId) && /rehearse$/.test(p.VpcId))
        throw new ApiError(404, 'InvalidVpcId.NotFound', `Specified VPC ${p.VpcId} does not exist.`);
      if (p.SecurityGroupName !== undefined && !/^[A-Za-z\u4e00-\u9fa5][\w\u4e00-\u9fa5.:-]{1,127}$/.test(p.SecurityGroupName))
        throw new ApiError(400, 'InvalidSecurityGroupName.Malformed', `The security group name ${p.SecurityGroupName} is malformed.`);
      const g: SecurityGroup = {
        id: this.id('sg-'),
        vpcId: p.VpcId ?? '',
        name: p.SecurityGroupName ?? '',
        description: p.Description ?? '',
        type: p.SecurityGroupType ?? ECS_SECURITY_GROUP_TYPE,
        createTime: rfc3339(Date.now()),
        innerAccessPolicy: 'Accept',
      };
      this.securityGroups.set(g.id, g);
      return { SecurityGroupId: g.id };
    },
    [`${ECS_VERSION}/DescribeSecurityGroups`]: function (p) {
      const list = [...this.securityGroups.values()].filter((g) => !p.SecurityGroupId || g.id === p.SecurityGroupId);
      return {
        TotalCount: list.length,
        PageNumber: 1,
        PageSize: 10,
        RegionId: this.regionId,
        SecurityGroups: {
          SecurityGroup: list.map((g) => ({
            SecurityGroupId: g.id,
            SecurityGroupName: g.name,
            Description: g.description,
            VpcId: g.vpcId,
            SecurityGroupType: g.type,
            CreationTime: g.createTime,
            ResourceGroupId: 'rg-rehearsal',
            ServiceManaged: false,
            Tags: { Tag: [] },
          })),
        },
      };
    },
    [`${ECS_VERSION}/DescribeSecurityGroupAttribute`]: function (p) {
      const g = this.securityGroups.get(this.required(p, 'SecurityGroupId'));
      if (!g) throw new ApiError(404, 'InvalidSecurityGroupId.NotFound', `The specified security group ${p.SecurityGroupId} does not exist.`);
      return {
        SecurityGroupId: g.id,
        SecurityGroupName: g.name,
        Description: g.description,
        VpcId: g.vpcId,
        InnerAccessPolicy: g.innerAccessPolicy,
        RegionId: this.regionId,
        Permissions: { Permission: [] },
      };
    },
    [`${ECS_VERSION}/ModifySecurityGroupAttribute`]: function (p) {
      const g = this.securityGroups.get(this.required(p, 'SecurityGroupId'));
      if (!g) throw new ApiError(404, 'InvalidSecurityGroupId.NotFound', `The specified security group ${p.SecurityGroupId} does not exist.`);
      if (p.SecurityGroupName !== undefined) g.name = p.SecurityGroupName;
      if (p.Description !== undefined) g.description = p.Description;
      return {};
    },
    [`${ECS_VERSION}/ModifySecurityGroupPolicy`]: function (p) {
      const g = this.securityGroups.get(this.required(p, 'SecurityGroupId'));
      if (!g) throw new ApiError(404, 'InvalidSecurityGroupId.NotFound', `The specified security group ${p.SecurityGroupId} does not exist.`);
      if (p.InnerAccessPolicy) g.innerAccessPolicy = p.InnerAccessPolicy;
      return {};
    },
    [`${ECS_VERSION}/DeleteSecurityGroup`]: function (p) {
      this.securityGroups.delete(this.required(p, 'SecurityGroupId'));
      return {};
    },
  };

  private createOrder(p: Params, paidType: number): Record<string, unknown> {
    const deployType = this.int(p, 'DeployType');
    if (deployType !== 4 && deployType !== 5)
      throw new ApiError(400, 'InvalidParameter.DeployType', `DeployType ${deployType} must be 4 (Internet and VPC) or 5 (VPC).`);
    const diskType = this.int(p, 'DiskType');
    if (diskType !== 0 && diskType !== 1) throw new ApiError(400, 'InvalidParameter.DiskType', `DiskType ${diskType} must be 0 (ultra disk) or 1 (SSD).`);
    const specType = p.SpecType ?? DEFAULT_SPEC_TYPE;
    if (!(SPEC_TYPES as readonly string[]).includes(specType))
      throw new ApiError(400, 'InvalidParameter.SpecType', `SpecType ${specType} must be one of ${SPEC_TYPES.join(', ')}.`);
    const ioMaxSpec = p.IoMaxSpec ?? '';
    const spec = ioMaxSpec ? findIoSpec(ioMaxSpec) : undefined;
    if (ioMaxSpec && !spec) throw new ApiError(400, 'InvalidParameter.IoMaxSpec', `IoMaxSpec ${ioMaxSpec} is not a known traffic specification.`);
    if (spec && !(spec.editions as readonly string[]).includes(specType))
      throw new ApiError(400, 'InvalidParameter.IoMaxSpec', `IoMaxSpec ${ioMaxSpec} is not sold for SpecType ${specType}.`);
    if (!spec && !p.IoMax) throw new ApiError(400, 'MissingParameter', 'One of IoMax and IoMaxSpec is required.');
    const diskSize = this.int(p, 'DiskSize');
    if (diskSize < (spec?.minDiskGb ?? DISK_SIZE.min) || diskSize > DISK_SIZE.max)
      throw new ApiError(
        400,
        'InvalidParameter.DiskSize',
        `DiskSize ${diskSize} is out of range for ${ioMaxSpec || 'the spec'} (min ${spec?.minDiskGb ?? DISK_SIZE.min} GB).`,
      );
    const partitionNum = this.int(p, 'PartitionNum', 0);
    if (spec && spec.included + partitionNum > spec.max)
      throw new ApiError(400, 'InvalidParameter.PartitionNum', `${spec.included} + ${partitionNum} partitions exceed the ${spec.max} maximum of ${ioMaxSpec}.`);
    const eipMax = this.int(p, 'EipMax', 0);
    if (deployType === 4 && eipMax < 1) throw new ApiError(400, 'InvalidParameter.EipMax', 'An Internet instance (DeployType 4) needs EipMax.');
    const id = this.id(paidType === 1 ? 'alikafka_post-cn-' : 'alikafka_pre-cn-');
    const orderId = this.id('');
    this.instances.set(id, {
      broker: this.spareBrokers.shift() ?? this.broker,
      tags: new Map(),
      id,
      orderId,
      regionId: p.RegionId || this.regionId,
      status: STATUS_PENDING,
      name: id,
      diskType,
      diskSize,
      deployType,
      ioMax: spec ? spec.writeMBps : this.int(p, 'IoMax'),
      ioMaxSpec: spec?.name ?? '',
      specType,
      eipMax,
      partitionNum,
      paidType,
      vpcId: '',
      vswitchId: '',
      vswitchIds: [],
      zoneId: '',
      securityGroup: '',
      serviceVersion: OLDEST_SERVICE_VERSION,
      config: this.defaultConfig({}),
      createTime: Date.now(),
      autoCreateGroup: false,
      autoCreateTopic: false,
      defaultPartitionNum: 12,
      allowed: { vpc: new Map([[ALLOWED_IP_PORT_RANGES.vpc, new Set(['0.0.0.0/0'])]]), internet: new Map() },
    });
    return this.ok({ OrderId: orderId });
  }

  private upgrade(p: Params): Record<string, unknown> {
    const inst = this.instance(p);
    const spec = p.IoMaxSpec ? findIoSpec(p.IoMaxSpec) : findIoSpec(inst.ioMaxSpec);
    if (p.IoMaxSpec && !spec) throw new ApiError(400, 'InvalidParameter.IoMaxSpec', `IoMaxSpec ${p.IoMaxSpec} is not a known traffic specification.`);
    const partitionNum = this.int(p, 'PartitionNum', inst.partitionNum);
    const diskSize = this.int(p, 'DiskSize', inst.diskSize);
    if (diskSize < inst.diskSize) throw new ApiError(400, 'BIZ_DISK_DOWNGRADE', 'The disk cannot shrink through UpgradePostPayOrder.');
    const used = this.usage(inst.id).partitions;
    if ((spec?.included ?? 1000) + partitionNum < used) throw new ApiError(400, 'BIZ_PARTITION_DOWNGRADE', `${used} partitions are in use.`);
    Object.assign(inst, {
      partitionNum,
      diskSize,
      ioMaxSpec: spec?.name ?? inst.ioMaxSpec,
      ioMax: spec?.writeMBps ?? inst.ioMax,
      specType: p.SpecType ?? inst.specType,
      eipMax: this.int(p, 'EipMax', inst.eipMax),
    });
    return this.ok();
  }

  private aclFromParams(instanceId: string, p: Params): Acl {
    const rtype = TOPIC_ACL_TYPES[this.required(p, 'AclResourceType').toLowerCase()];
    if (!rtype)
      throw new ApiError(400, 'InvalidParameter.AclResourceType', `AclResourceType ${p.AclResourceType} must be Topic, Group, Cluster or TransactionalId.`);
    const pattern = this.required(p, 'AclResourcePatternType').toUpperCase();
    if (pattern !== 'LITERAL' && pattern !== 'PREFIXED')
      throw new ApiError(400, 'InvalidParameter.AclResourcePatternType', `AclResourcePatternType ${p.AclResourcePatternType} must be LITERAL or PREFIXED.`);
    const op = ACL_OPERATIONS[this.required(p, 'AclOperationType').toLowerCase()];
    if (!op)
      throw new ApiError(
        400,
        'InvalidParameter.AclOperationType',
        `AclOperationType ${p.AclOperationType} must be Write, Read, Describe, IdempotentWrite or DESCRIBE_CONFIGS.`,
      );
    const name = this.required(p, 'AclResourceName');
    if (rtype === 'CLUSTER' && name !== 'kafka-cluster')
      throw new ApiError(400, 'InvalidParameter.AclResourceName', 'A Cluster ACL names the resource kafka-cluster.');
    return {
      instanceId,
      username: this.required(p, 'Username'),
      resourceType: rtype,
      resourceName: name,
      patternType: pattern,
      operation: op,
      host: p.Host ?? '*',
      permission: (p.AclPermissionType ?? 'ALLOW').toUpperCase(),
    };
  }
}

export const BSS_VERSION = '2017-12-14';
export const STS_VERSION = '2015-04-01';

function sameAcl(a: Acl, b: Acl): boolean {
  return (
    a.instanceId === b.instanceId &&
    a.username === b.username &&
    a.resourceType === b.resourceType &&
    a.resourceName === b.resourceName &&
    a.patternType === b.patternType &&
    a.operation === b.operation &&
    a.host === b.host &&
    a.permission === b.permission
  );
}

function kafkaAcl(a: Acl): AclEntry {
  return {
    resourceType: AclResourceTypes[a.resourceType as keyof typeof AclResourceTypes],
    resourceName: a.resourceName,
    resourcePatternType: ResourcePatternTypes[a.patternType as keyof typeof ResourcePatternTypes],
    principal: `User:${a.username}`,
    host: a.host,
    operation: AclOperationTypes[a.operation as keyof typeof AclOperationTypes],
    permissionType: a.permission === 'DENY' ? AclPermissionTypes.DENY : AclPermissionTypes.ALLOW,
  };
}

/** ListTagResources page size. */
const TAG_PAGE_SIZE = 20;

/** `Tag.N.Key` / `Tag.N.Value` parameters (CreateTopic, CreateConsumerGroup, TagResources). */
function collectTags(p: Params): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 1; p[`Tag.${i}.Key`] !== undefined; i++) out.push([p[`Tag.${i}.Key`], p[`Tag.${i}.Value`] ?? '']);
  return out;
}

function tagVOs(tags: ReadonlyMap<string, string>): Array<{ Key: string; Value: string }> {
  return [...tags.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([Key, Value]) => ({ Key, Value }));
}

function collectList(p: Params, name: string): string[] {
  const out: string[] = [];
  for (let i = 1; p[`${name}.${i}`] !== undefined; i++) out.push(p[`${name}.${i}`]);
  if (out.length === 0 && p[name] !== undefined) {
    const v = p[name];
    if (v.startsWith('[')) {
      try {
        return (JSON.parse(v) as unknown[]).map(String);
      } catch {
        /* plain */
      }
    }
    out.push(v);
  }
  return out;
}

/** A JSON object of string values (AliKafka's Config/Configs parameters). */
export function parseStringMap(text: string, field: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${field} is not valid JSON: ${text}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`${field} must be a JSON object.`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof v !== 'string')
      throw new ApiError(400, `InvalidParameter.${field}`, `${field}: the value of ${k} must be a JSON string, not ${JSON.stringify(v)}.`);
    out[k] = v;
  }
  return out;
}

/** Topic configs AliKafka lets a local-storage topic set, with their documented ranges. */
function checkTopicConfigs(configs: Record<string, string>): void {
  for (const [k, v] of Object.entries(configs)) {
    if (k === 'retention.ms') {
      const n = Number(v);
      if (!Number.isInteger(n) || n < TOPIC_RETENTION_MS.min || n > TOPIC_RETENTION_MS.max)
        throw new ApiError(400, 'BIZ_TOPIC_CONFIG_INVALID', `retention.ms ${v} must be between ${TOPIC_RETENTION_MS.min} and ${TOPIC_RETENTION_MS.max}.`);
    } else if (k === 'max.message.bytes') {
      const n = Number(v);
      if (!Number.isInteger(n) || n < TOPIC_MESSAGE_BYTES.min || n > TOPIC_MESSAGE_BYTES.max)
        throw new ApiError(
          400,
          'BIZ_TOPIC_CONFIG_INVALID',
          `max.message.bytes ${v} must be between ${TOPIC_MESSAGE_BYTES.min} and ${TOPIC_MESSAGE_BYTES.max}.`,
        );
    } else if (k === 'message.timestamp.type') {
      if (v !== 'CreateTime' && v !== 'LogAppendTime')
        throw new ApiError(400, 'BIZ_TOPIC_CONFIG_INVALID', `message.timestamp.type ${v} must be CreateTime or LogAppendTime.`);
    } else {
      throw new ApiError(400, 'BIZ_TOPIC_CONFIG_INVALID', `The topic config ${k} cannot be set (retention.ms, max.message.bytes, message.timestamp.type).`);
    }
  }
}

/** The ECS security-group type (not an AliKafka edition): `normal` or `enterprise`. */
const ECS_SECURITY_GROUP_TYPE = `normal`;

function offersLocalStorage(specType: string): boolean {
  return findEdition(specType)?.localStorage === true;
}

function ipToInt(ip: string): number {
  return ip.split('.').reduce((a, b) => a * 256 + Number(b), 0);
}
function isCidr(c: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(c);
  return !!m && m.slice(1, 5).every((x) => Number(x) <= 255) && Number(m[5]) >= VPC_MASK.min && Number(m[5]) <= VPC_MASK.max;
}
function range(c: string): [number, number] {
  const [ip, bits] = c.split('/');
  const size = 2 ** (32 - Number(bits));
  const start = Math.floor(ipToInt(ip) / size) * size;
  return [start, start + size - 1];
}
function cidrWithin(inner: string, outer: string): boolean {
  const [a, b] = range(inner);
  const [c, d] = range(outer);
  return a >= c && b <= d;
}
function cidrOverlap(x: string, y: string): boolean {
  const [a, b] = range(x);
  const [c, d] = range(y);
  return a <= d && c <= b;
}
