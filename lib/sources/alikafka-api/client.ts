/**
 * The AliKafka OpenAPI (2019-09-16) through Alibaba's official SDK (`@alicloud/alikafka20190916`), for reading an
 * instance: every call is paced under the action's published rate limit (lib/alikafka), throttled calls are retried
 * with a doubling backoff, and the API's errors become `SourceError`s that name the instance and the region.
 */
import AliKafka from '@alicloud/alikafka20190916';
import Credential from '@alicloud/credentials';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { READ_API_RATE_LIMITS } from '../../alikafka';
import { SourceError } from '../errors';
import { ResolvedCredentials } from './credentials';

/** Where the OpenAPI is and which instance is read, for messages. */
export interface ApiTarget {
  readonly instanceId: string;
  readonly regionId: string;
  /** `http://host:port` or `https://host`; default Alibaba's public endpoint of the region. */
  readonly endpoint?: string;
}

/** Throttling codes Alibaba's gateway and AliKafka answer with (the provider retries the same family). */
const THROTTLED = /Throttling|ONS_SYSTEM_FLOW_CONTROL|ServiceUnavailable/;
/** Codes that mean the keys were refused. */
const REFUSED_KEYS = /^(InvalidAccessKeyId|SignatureDoesNotMatch|IncompleteSignature|InvalidSecurityToken|Forbidden|NoPermission|InvalidAccessKeySecret)/;
/** Codes that mean the instance is not there (in that region). */
const NO_INSTANCE = /INSTANCE_NOT_FOUND|InstanceNotFound|InvalidInstanceId/i;

/** Retry budget for a throttled call: waits of 0.5, 1, 2, 4, 8 s. */
const RETRY = { attempts: 6, firstWaitMs: 500, maxWaitMs: 8000 } as const;

interface SdkError {
  readonly code?: string;
  readonly statusCode?: number;
  readonly message?: string;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** The SDK's error message without its "code: 400, " prefix and request id, for people. */
function cleanMessage(e: SdkError): string {
  return (e.message ?? '')
    .replace(/^code: \d+, /, '')
    .replace(/ request id: [\w-]+$/, '')
    .trim();
}

/** The SDK's `Config` for an endpoint: the region's public endpoint, or a given `http(s)://host[:port]`. */
export function sdkConfig(target: ApiTarget, credential: Credential): $OpenApiUtil.Config {
  const config: Record<string, unknown> = { credential, regionId: target.regionId, connectTimeout: 10_000, readTimeout: 30_000 };
  if (target.endpoint !== undefined) {
    let url: URL;
    try {
      url = new URL(target.endpoint);
    } catch {
      throw new SourceError(`endpoint ${JSON.stringify(target.endpoint)} is not a URL: give http://HOST:PORT or https://HOST`, 'usage');
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname.replace(/\/$/, '') !== '' || url.username || url.password) {
      throw new SourceError(
        `endpoint ${JSON.stringify(target.endpoint)} must be http://HOST[:PORT] or https://HOST[:PORT], without a path or credentials`,
        'usage',
      );
    }
    config.endpoint = url.host;
    config.protocol = url.protocol === 'http:' ? 'HTTP' : 'HTTPS';
  }
  return new $OpenApiUtil.Config(config);
}

/** Calls the AliKafka OpenAPI for one instance, paced, retried and with clear errors. */
export class AliKafkaApi {
  readonly sdk: AliKafka;
  /** Calls made per action (for tests and the progress line). */
  readonly calls: Record<string, number> = {};
  private readonly windows = new Map<string, { second: number; count: number }>();

  constructor(
    readonly target: ApiTarget,
    credentials: ResolvedCredentials,
    private readonly deadline: number,
  ) {
    this.sdk = new AliKafka(sdkConfig(target, new Credential(null, credentials.provider)));
  }

  private get where(): string {
    return `instance ${this.target.instanceId} in region ${this.target.regionId}${this.target.endpoint ? ` (endpoint ${this.target.endpoint})` : ''}`;
  }

  /** Waits until one more call of `action` fits its published per-second limit. */
  private async pace(action: string): Promise<void> {
    const limit = READ_API_RATE_LIMITS[action];
    if (limit === undefined) return;
    for (;;) {
      const now = Date.now();
      const second = Math.floor(now / 1000);
      const w = this.windows.get(action);
      if (!w || w.second !== second) {
        this.windows.set(action, { second, count: 1 });
        return;
      }
      if (w.count < limit) {
        w.count += 1;
        return;
      }
      await sleep((second + 1) * 1000 - now);
    }
  }

  /**
   * Calls `action` (the SDK method `run` makes), retrying throttled calls with backoff until the deadline. The answer
   * must say `Success` (AliKafka answers some errors with HTTP 200 and `Success: false`).
   */
  async call<T extends { body?: object }>(action: string, run: () => Promise<T>): Promise<T> {
    let wait: number = RETRY.firstWaitMs;
    for (let attempt = 1; ; attempt++) {
      if (Date.now() > this.deadline)
        throw new SourceError(`reading ${this.where} through the AliKafka OpenAPI took longer than the timeout (at ${action})`, 'timeout');
      await this.pace(action);
      this.calls[action] = (this.calls[action] ?? 0) + 1;
      try {
        const r = await run();
        const body = r.body as { success?: boolean; code?: number | string; message?: string } | undefined;
        if (body?.success === false) {
          throw Object.assign(new Error(body.message ?? 'Success is false'), { code: String(body.code ?? 'Error'), statusCode: 200 });
        }
        return r;
      } catch (e) {
        const err = e as SdkError;
        const code = err.code ?? '';
        if (THROTTLED.test(code) && attempt < RETRY.attempts) {
          await sleep(Math.min(wait, Math.max(0, this.deadline - Date.now())));
          wait = Math.min(wait * 2, RETRY.maxWaitMs);
          continue;
        }
        throw this.describe(action, err);
      }
    }
  }

  /** The error of a call as a `SourceError` naming the instance, the region and what to do. */
  describe(action: string, e: SdkError): SourceError {
    const code = e.code ?? '';
    const msg = cleanMessage(e);
    if (REFUSED_KEYS.test(code)) {
      return new SourceError(
        `the AliKafka OpenAPI refused the access key for ${this.where} (${action}: ${code}: ${msg}): check ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, and that the key may read AliKafka in that region`,
        'auth',
      );
    }
    if (NO_INSTANCE.test(code)) return this.notFound(`${action}: ${code}: ${msg}`);
    if (THROTTLED.test(code)) {
      return new SourceError(
        `the AliKafka OpenAPI kept throttling ${action} for ${this.where} (${code}) after ${RETRY.attempts} attempts: try again later`,
        'unreachable',
      );
    }
    if (code === '' || /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|EAI_AGAIN|socket/i.test(`${code} ${e.message ?? ''}`)) {
      return new SourceError(`cannot reach the AliKafka OpenAPI for ${this.where}: ${msg || 'no answer'}`, 'unreachable');
    }
    return new SourceError(`the AliKafka OpenAPI refused ${action} for ${this.where}: ${code}: ${msg}`, 'invalid');
  }

  /** The instance is not in that region (or does not exist). */
  notFound(detail: string): SourceError {
    return new SourceError(
      `AliKafka instance ${this.target.instanceId} was not found in region ${this.target.regionId} (${detail}): check the instance ID and the region`,
      'not-found',
    );
  }
}
