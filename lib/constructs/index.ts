export { KafkaEdition, KafkaDeployType, KafkaDiskType, KafkaAdoption, KafkaResourceProps } from './common';
export { KafkaInstance, KafkaInstanceProps } from './instance';
export { KafkaTopic, KafkaTopicProps } from './topic';
export { KafkaConsumerGroup, KafkaConsumerGroupProps } from './group';
export { KafkaSaslUser, KafkaSaslUserProps } from './user';
export { KafkaAcl, KafkaAclProps } from './acl';
export { KafkaNetwork, KafkaNetworkProps } from './network';
export { KafkaMigration, KafkaMigrationProps } from './migration';
export * from './allowed-ip';
