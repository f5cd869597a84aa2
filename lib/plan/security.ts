import { SaslUserType, SCRAM_MECHANISM } from '../alikafka';
import { UserMetadata } from '../model';
import { terraformName } from './names';
import { PlannedUser, PlanWarning } from './types';

export function userType(mechanism: string | undefined): SaslUserType {
  return mechanism === 'PLAIN' ? 'plain' : 'scram';
}

export function planUser(u: UserMetadata, name: string): PlannedUser {
  return {
    sourceName: u.name,
    name,
    terraformName: terraformName('user', name),
    type: userType(u.mechanism),
    sourceMechanism: u.mechanism,
    passwordVariable: terraformName('sasl_password', name),
  };
}

export function scramWarning(u: UserMetadata, name: string): PlanWarning | undefined {
  if (u.mechanism !== undefined && u.mechanism !== 'PLAIN' && u.mechanism !== SCRAM_MECHANISM) {
    return {
      code: 'scram-mechanism',
      subject: `user ${name}`,
      message: `source uses ${u.mechanism}; AliKafka reserved instances offer ${SCRAM_MECHANISM} (type scram): set sasl.mechanism=${SCRAM_MECHANISM} in this user's clients`,
    };
  }
  return undefined;
}
