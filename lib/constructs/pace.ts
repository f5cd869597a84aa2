import { TerraformProvider, TerraformResource } from 'cdktn';
import { Construct } from 'constructs';
import { CREATE_TOPIC_PACING } from '../alikafka';
import { place } from './common';

export interface KafkaPaceSleepProps {
  /** How long the sleep takes when it is created, e.g. `3s`. */
  readonly createDuration: string;
  /** Terraform resource name. @default the construct path's */
  readonly terraformName?: string;
}

/**
 * A `time_sleep` of the hashicorp/time provider (CREATE_TOPIC_PACING.provider): topics that depend on it are
 * created once it has slept, which is how a plan paces CreateTopic (lib/plan/pacing.ts). Written without generated
 * bindings: one attribute of a small, stable resource. The provider needs no configuration (it is found by the
 * resource type's prefix); the stack pins its version.
 */
class TimeSleepResource extends TerraformResource {
  constructor(
    scope: Construct,
    id: string,
    private readonly createDuration: string,
  ) {
    super(scope, id, {
      terraformResourceType: CREATE_TOPIC_PACING.provider.resourceType,
      terraformGeneratorMetadata: { providerName: 'time', providerVersion: CREATE_TOPIC_PACING.provider.version },
    });
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return { create_duration: this.createDuration };
  }
}

/** One pacing sleep (a `time_sleep`). */
export class KafkaPaceSleep extends Construct {
  public readonly resource: TerraformResource;

  constructor(scope: Construct, id: string, props: KafkaPaceSleepProps) {
    super(scope, id);
    if (!/^\d+s$/.test(props.createDuration)) throw new Error(`createDuration must be whole seconds such as "3s", got ${JSON.stringify(props.createDuration)}`);
    this.resource = new TimeSleepResource(this, 'Resource', props.createDuration);
    place(this.resource, props.terraformName, undefined);
  }
}

/**
 * The hashicorp/time provider the pacing sleeps need (no settings). Constructs never create providers: a stack
 * whose plan paces (`plan.pacing`) adds this one, as it adds the alicloud provider; MigrationStack does.
 */
export class PacingProvider extends TerraformProvider {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      terraformResourceType: 'time',
      terraformGeneratorMetadata: { providerName: 'time', providerVersion: CREATE_TOPIC_PACING.provider.version },
      terraformProviderSource: CREATE_TOPIC_PACING.provider.source,
    });
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return {};
  }
}
