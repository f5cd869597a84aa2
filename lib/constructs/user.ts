import { Annotations, Token } from 'cdktn';
import { Construct } from 'constructs';
import { ADOPTED_IGNORE_CHANGES, SaslUserType, USER_NAME } from '../alikafka';
import { AlikafkaSaslUser } from './gen/providers/alicloud/alikafka-sasl-user';
import { checkName, KafkaAdoption, KafkaResourceProps, lifecycle, place } from './common';

export interface KafkaSaslUserProps extends KafkaResourceProps {
  readonly instanceId: string;
  /** 1-64 characters of `[A-Za-z0-9_-]`. */
  readonly username: string;
  /** The password; pass a sensitive variable's value, never a literal. */
  readonly password: string;
  /** `scram` (SCRAM-SHA-256) or `plain`. @default 'scram' */
  readonly type?: SaslUserType;
  /** Adopt a user that already exists (an `import` block; its password is kept). @default none: the user is created */
  readonly adopt?: KafkaAdoption;
}

export class KafkaSaslUser extends Construct {
  public readonly resource: AlikafkaSaslUser;
  public readonly username: string;

  constructor(scope: Construct, id: string, props: KafkaSaslUserProps) {
    super(scope, id);
    checkName(this, 'username', USER_NAME, props.username);
    if (!Token.isUnresolved(props.password)) {
      Annotations.of(this).addWarning(
        `user ${props.username}: the password is a literal and will be stored in the synthesized JSON; pass a sensitive variable instead`,
      );
    }
    this.resource = new AlikafkaSaslUser(this, 'Resource', {
      instanceId: props.instanceId,
      username: props.username,
      password: props.password,
      type: props.type ?? 'scram',
      lifecycle: lifecycle(false, props.adopt, ADOPTED_IGNORE_CHANGES.user),
    });
    place(this.resource, props.terraformName, props.adopt);
    this.username = props.username;
  }
}
