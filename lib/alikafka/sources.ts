/**
 * Where AliKafka's rules in this module come from. Every constant in `lib/alikafka/` names the source it was
 * taken from (`@see` tags with the IDs below); a value that no source confirms says so (`confirmed: false`).
 * Checked against these on 2026-12-01; the detailed notes are in the repository's shared references
 * (`reference/alicloud-provider.md`, `reference/alikafka-specs.md`).
 */
export interface RuleSource {
  readonly id: string;
  readonly title: string;
  /** The date of the text the rule was read from (or of its last change). */
  readonly date: string;
}

export const RULE_SOURCES: readonly RuleSource[] = [
  {
    id: 'provider-1.289.0',
    title: 'aliyun/terraform-provider-alicloud v1.289.0, alicloud/resource_alicloud_alikafka_*.go and website/docs',
    date: '2026-08-17',
  },
  { id: 'sdk-createtopic', title: 'alibabacloud SDK alikafka-20190916 CreateTopic / CreateConsumerGroup / CreateSaslUser request docs', date: '2025-12-09' },
  { id: 'limits', title: 'ApsaraMQ for Kafka, Limits (product overview)', date: '2026-02-27' },
  { id: 'group-quota-faq', title: 'FAQ: how many consumer groups can I create on an instance', date: '2026-03-11' },
  { id: 'spec-kb', title: 'aliyun/alibabacloud-aiops-skills kafka-v2-spec-and-capacity (condensed from the official spec pages)', date: '2026-04-29' },
  { id: 'billing-2021', title: 'AlibabaCloudDocs/alikafka Pricing/Billing (topic-based era; traffic and disk minimums)', date: '2021-07-05' },
  { id: 'instance-editions', title: 'ApsaraMQ for Kafka, Instance editions', date: '2026-01-22' },
  { id: 'select-edition', title: 'How to select an instance edition (Standard retains messages up to 7 days)', date: '2026' },
  { id: 'message-config', title: 'Modify message configurations; StartInstance / UpdateInstanceConfig SDK docs', date: '2025-12-09' },
  { id: 'ros-kafka-instance', title: 'ROS ALIYUN::KAFKA::Instance (DiskSize 500-96000, EipMax 1-160)', date: '2024-12-09' },
  { id: 'storage-engines', title: 'Storage engine comparison (local storage, compaction, per-topic configs)', date: '2025-02-12' },
  { id: 'acl', title: 'Enable the ACL feature (Professional edition, 2.2.0+)', date: '2025-11-09' },
  {
    id: 'mission',
    title: 'Alibaba deployment settings and client best practices, as summarized in the project mission (shared/mission.md)',
    date: '2026-11-25',
  },
];
