/**
 * AliKafka's rules in one place: name rules, editions, traffic specs and disks, limits and quotas, topic
 * configs, ACLs, deployment values and endpoints. Plan, constructs, report and CLI all read this module; no
 * limit, rule or value list is written anywhere else.
 */
export * from './sources';
export * from './names';
export * from './editions';
export * from './specs';
export * from './limits';
export * from './topic-configs';
export * from './acls';
export * from './deployment';
export * from './provider';
export * from './endpoints';
export * from './client-practices';
export * from './api-quotas';
