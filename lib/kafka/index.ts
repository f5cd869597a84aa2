/**
 * Apache Kafka's and MirrorMaker 2's own facts in one place: their internal topics and groups, Kafka's broker
 * defaults, and how MirrorMaker's replication policies treat topic names. These are Kafka's rules, not
 * AliKafka's (those are in lib/alikafka); the plan, the mirror generator and the sources read them from here.
 * Like lib/alikafka, this module is data and pure functions only: no I/O, and it imports nothing from the project.
 */
export * from './defaults';
export * from './internal';
export * from './mirrormaker';
