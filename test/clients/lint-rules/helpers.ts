import type { ClientRole, PracticeParams, PracticeProfile } from '../../../lib/alikafka/client-practices';
import type { LintContext, LintFinding, LintRule } from '../../../lib/clients/lint-rules';
import type { PlanNames } from '../../../lib/clients/plan-names';
import { ClientFile } from '../../../lib/clients/read';
import { instancesFromState, InstanceEndpoints } from '../../../lib/clients/target';
import { parseProperties } from '../../../lib/sources/properties';

export function props(text: string): ClientFile {
  return { file: 'app.properties', format: 'properties', settings: parseProperties(text), origin: new Map() };
}

export interface Ctx {
  readonly role?: ClientRole;
  readonly profiles?: PracticeProfile[];
  readonly params?: PracticeParams;
  readonly target?: InstanceEndpoints;
  readonly names?: PlanNames;
  readonly clientVersion?: string;
}

export function run(rule: LintRule, file: ClientFile, c: Ctx = {}): LintFinding[] {
  const ctx: LintContext = {
    file,
    role: c.role,
    profiles: c.profiles ?? [],
    params: c.params ?? {},
    target: c.target,
    names: c.names,
    clientVersion: c.clientVersion,
  };
  return rule.check(ctx);
}

/** A target instance with a VPC default, a SASL and an Internet endpoint. */
export function target(): InstanceEndpoints {
  const [inst] = instancesFromState(
    {
      values: {
        root_module: {
          resources: [
            {
              address: 'alicloud_alikafka_instance.kafka',
              mode: 'managed',
              type: 'alicloud_alikafka_instance',
              values: {
                id: 'alikafka_post-cn-x',
                domain_endpoint: 'alikafka-post-cn-x-1-vpc.alikafka.aliyuncs.com:9092',
                end_point: '192.168.0.10:9092',
                sasl_domain_endpoint: 'alikafka-post-cn-x-1-vpc.alikafka.aliyuncs.com:9094',
                ssl_domain_endpoint: 'alikafka-post-cn-x-1.alikafka.aliyuncs.com:9093',
              },
            },
          ],
        },
      },
    },
    'state.json',
  );
  return inst;
}

export function names(p: Partial<PlanNames> = {}): PlanNames {
  return { topics: new Map(), groups: new Map(), skippedTopics: new Map(), sourceServers: [], ...p };
}
