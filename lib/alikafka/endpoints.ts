/**
 * AliKafka endpoint kinds: network, port, Kafka security protocol, the SASL mechanisms each offers, and the
 * `alicloud_alikafka_instance` attributes that hold it. Every reader (client-config, lint-client, the
 * constructs' outputs) takes these facts from here.
 *
 * Sources (read 2026-12-01):
 * - [endpoints-doc] Alibaba Cloud, "ApsaraMQ for Kafka: Endpoints and protocols", last updated 2026-03-11,
 *   https://www.alibabacloud.com/help/en/apsaramq-for-kafka/cloud-message-queue-for-kafka/product-overview/comparison-among-endpoints
 *   (Internet 9093 SASL_SSL PLAIN/SCRAM-SHA-256; VPC 9092 PLAINTEXT; VPC 9094 SASL_PLAINTEXT PLAIN/SCRAM-SHA-256;
 *   VPC 9095 SASL_SSL PLAIN/SCRAM-SHA-256; ACL at deployment turns on 9094, VPC transmission encryption turns on 9095).
 * - [provider] aliyun/terraform-provider-alicloud v1.289.0 (2026-08-17), `alicloud/resource_alicloud_alikafka_instance.go`:
 *   computed `end_point`, `ssl_endpoint`, `domain_endpoint`, `ssl_domain_endpoint`, `sasl_domain_endpoint`,
 *   `vpc_sasl_domain_endpoint` (since 1.283.0), set on Read from GetInstanceList's `EndPoint`, `SslEndPoint`,
 *   `DomainEndpoint`, `SslDomainEndpoint`, `SaslDomainEndpoint`, `VpcSaslDomainEndpoint`
 *   (/work/shared/reference/alicloud-provider.md §1.1); allowed-IP `port_range` 9092 = VPC default,
 *   9093 = Internet, 9094 = VPC SASL, 9095 = VPC SSL (§1.6).
 * - [sdk] alibabacloud-go-sdk `alikafka-20190916/client/get_instance_list_response_body.go` doc comments
 *   (example values give the port of each field: DomainEndpoint/EndPoint :9092, SaslDomainEndpoint :9094,
 *   SslDomainEndpoint/SslEndPoint :9093 on public host names, VpcSaslDomainEndpoint :9095 on `-vpc` host names).
 *   The provider's own doc calls `vpc_sasl_domain_endpoint` "the IP-based endpoint for SASL access over a VPC";
 *   the SDK's example says domain names on 9095. Readers therefore check the port of each value, not only the
 *   attribute name (see `endpointKindOfPort`).
 * - [mission] /work/shared/mission.md: SASL user name/password and ACL set at deployment; Internet+VPC instances
 *   (deploy_type 4) have a default SASL user.
 */

/**
 * The provider resource whose computed attributes hold the endpoints ([provider] §1.1). The rule book's
 * provider facts (lib/alikafka/provider.ts on main: RESOURCE_TYPES.instance) name the same type.
 */
import { AlikafkaMigrateError } from '../errors';
import { RESOURCE_TYPES } from './provider';
import { INSTANCE_CONFIG_KEYS } from './topic-configs';
export const ENDPOINT_RESOURCE_TYPE = RESOURCE_TYPES.instance;
/** Instance `config` key of the largest message in bytes (alicloud-provider.md §5.3); client-config's large-messages default. */
export const INSTANCE_MESSAGE_MAX_BYTES_KEY = INSTANCE_CONFIG_KEYS.messageMaxBytes;

export type EndpointKind = 'vpc-default' | 'vpc-sasl' | 'vpc-ssl' | 'public';
export type EndpointNetwork = 'vpc' | 'public';
export type SecurityProtocol = 'PLAINTEXT' | 'SASL_PLAINTEXT' | 'SASL_SSL';
/** SASL mechanisms AliKafka's non-serverless endpoints offer (SCRAM-SHA-512 is not among them). */
export type AliKafkaSaslMechanism = 'PLAIN' | 'SCRAM-SHA-256';

/** `alicloud_alikafka_instance` attributes, computed by the provider after apply. */
export type EndpointAttribute = 'end_point' | 'domain_endpoint' | 'sasl_domain_endpoint' | 'vpc_sasl_domain_endpoint' | 'ssl_endpoint' | 'ssl_domain_endpoint';

export interface EndpointSpec {
  readonly kind: EndpointKind;
  readonly network: EndpointNetwork;
  readonly port: number;
  readonly securityProtocol: SecurityProtocol;
  /** Empty for the PLAINTEXT endpoint (no authentication). */
  readonly mechanisms: readonly AliKafkaSaslMechanism[];
  readonly tls: boolean;
  /** Attributes that hold this endpoint, domain-name mode first (domain names survive broker replacement). */
  readonly attributes: readonly EndpointAttribute[];
  /** `alicloud_alikafka_instance_allowed_ip_attachment` `allowed_type` and `port_range` for this endpoint. */
  readonly allowedType: 'vpc' | 'internet';
  readonly portRange: string;
  /** When the endpoint exists. */
  readonly availability: string;
  readonly source: string;
}

export const ALIKAFKA_ENDPOINTS: readonly EndpointSpec[] = [
  {
    kind: 'vpc-default',
    network: 'vpc',
    port: 9092,
    securityProtocol: 'PLAINTEXT',
    mechanisms: [],
    tls: false,
    attributes: ['domain_endpoint', 'end_point'],
    allowedType: 'vpc',
    portRange: '9092/9092',
    availability: 'every instance',
    source: '[endpoints-doc] 2026-03-11; [provider] v1.289.0 §1.1/§1.6; [sdk] DomainEndpoint/EndPoint',
  },
  {
    kind: 'vpc-sasl',
    network: 'vpc',
    port: 9094,
    securityProtocol: 'SASL_PLAINTEXT',
    mechanisms: ['PLAIN', 'SCRAM-SHA-256'],
    tls: false,
    attributes: ['sasl_domain_endpoint'],
    allowedType: 'vpc',
    portRange: '9094/9094',
    availability: 'instances with ACL enabled (config enable.acl)',
    source: '[endpoints-doc] 2026-03-11; [provider] v1.289.0 §1.1/§1.6; [sdk] SaslDomainEndpoint',
  },
  {
    kind: 'vpc-ssl',
    network: 'vpc',
    port: 9095,
    securityProtocol: 'SASL_SSL',
    mechanisms: ['PLAIN', 'SCRAM-SHA-256'],
    tls: true,
    attributes: ['vpc_sasl_domain_endpoint'],
    allowedType: 'vpc',
    portRange: '9095/9095',
    availability: 'instances with VPC transmission encryption (config enable.vpc_sasl_ssl, needs enable.acl)',
    source: '[endpoints-doc] 2026-03-11; [provider] v1.289.0 §1.1 (vpc_sasl_domain_endpoint since 1.283.0)/§1.6; [sdk] VpcSaslDomainEndpoint',
  },
  {
    kind: 'public',
    network: 'public',
    port: 9093,
    securityProtocol: 'SASL_SSL',
    mechanisms: ['PLAIN', 'SCRAM-SHA-256'],
    tls: true,
    attributes: ['ssl_domain_endpoint', 'ssl_endpoint'],
    allowedType: 'internet',
    portRange: '9093/9093',
    availability: 'Internet+VPC instances (deploy_type 4)',
    source: '[endpoints-doc] 2026-03-11; [provider] v1.289.0 §1.1/§1.6; [sdk] SslDomainEndpoint/SslEndPoint',
  },
];

/** All six endpoint attributes, in the order readers should look at them. */
export const ENDPOINT_ATTRIBUTES: readonly EndpointAttribute[] = [
  'domain_endpoint',
  'end_point',
  'sasl_domain_endpoint',
  'vpc_sasl_domain_endpoint',
  'ssl_domain_endpoint',
  'ssl_endpoint',
];

/** Host names of AliKafka endpoints in domain-name mode end with this suffix ([sdk] examples). */
export const ALIKAFKA_DOMAIN_SUFFIX = '.alikafka.aliyuncs.com';

/** `9092 (PLAINTEXT), 9094 (SASL_PLAINTEXT), ...`: every endpoint's port and protocol, for messages. */
export function describeEndpointPorts(): string {
  return ALIKAFKA_ENDPOINTS.map((e) => `${e.port} (${e.securityProtocol})`).join(', ');
}

export function endpointSpec(kind: EndpointKind): EndpointSpec {
  const spec = ALIKAFKA_ENDPOINTS.find((e) => e.kind === kind);
  if (!spec) throw new AlikafkaMigrateError('usage', `unknown AliKafka endpoint kind ${kind}`);
  return spec;
}

/** The endpoint kind behind an AliKafka port, or undefined for any other port. */
export function endpointKindOfPort(port: number): EndpointKind | undefined {
  return ALIKAFKA_ENDPOINTS.find((e) => e.port === port)?.kind;
}

export type ClientAuth = 'none' | 'sasl-plain' | 'sasl-scram';

/**
 * The endpoint a client must use for a network and an authentication: VPC without authentication is the
 * default endpoint, VPC with SASL the SASL endpoint (or the SSL one with `tls`), the Internet always SASL_SSL.
 * Throws with what to do for combinations AliKafka does not offer.
 */
export function endpointFor(network: EndpointNetwork, auth: ClientAuth, tls = false): EndpointSpec {
  if (network === 'public') {
    if (auth === 'none')
      throw new AlikafkaMigrateError('usage', 'the Internet endpoint (9093) needs SASL: use `auth` sasl-plain or sasl-scram', { field: 'auth' });
    return endpointSpec('public');
  }
  if (auth === 'none') {
    if (tls) throw new AlikafkaMigrateError('usage', 'the VPC SSL endpoint (9095) needs SASL: use `auth` sasl-plain or sasl-scram', { field: 'auth' });
    return endpointSpec('vpc-default');
  }
  return endpointSpec(tls ? 'vpc-ssl' : 'vpc-sasl');
}

/** The Kafka `sasl.mechanism` for an authentication choice. */
export function saslMechanismFor(auth: ClientAuth): AliKafkaSaslMechanism | undefined {
  return auth === 'sasl-plain' ? 'PLAIN' : auth === 'sasl-scram' ? 'SCRAM-SHA-256' : undefined;
}

/**
 * Truststore facts for the SASL_SSL endpoints (9093, 9095), from Alibaba's 2021 client samples
 * (/work/shared/reference/mirrormaker2.md §1.7): a JKS truststore downloaded from Alibaba's docs, and host-name
 * verification turned off for 2.x instances. Marked there "verify per instance".
 */
export const ALIKAFKA_TLS_NOTE =
  "the SASL_SSL endpoints present a certificate from Alibaba: download the client truststore named in Alibaba's " +
  "SDK samples for your instance; Alibaba's 2021 samples for 2.x instances also set " +
  'ssl.endpoint.identification.algorithm= (empty); verify per instance';

/** What a client must set for host-name verification on an endpoint of an instance of a given version. */
export interface EndpointIdentification {
  /** The value of `ssl.endpoint.identification.algorithm`: empty turns the host-name check off. */
  readonly value: '';
  readonly reason: string;
}

/**
 * Host-name verification on AliKafka's SASL_SSL endpoints (9093, 9095), decided by the instance's
 * `service_version`: Alibaba's migration guide sets `ssl.endpoint.identification.algorithm=` (empty) for 2.x
 * instances, whose certificate does not name the endpoint hosts; the certificate chain is still verified against
 * the truststore. Undefined for endpoints without TLS, for other versions (Kafka's default, https, applies) and
 * when the version is not known.
 */
export function endpointIdentificationFor(endpoint: EndpointSpec, serviceVersion: string | undefined): EndpointIdentification | undefined {
  if (!endpoint.tls || serviceVersion === undefined || !/^2\./.test(serviceVersion.trim())) return undefined;
  return {
    value: '',
    reason: `instance version ${serviceVersion.trim()} (2.x): its certificate does not name the endpoint hosts, so Alibaba's guide turns the host-name check off; the chain is still verified against the truststore`,
  };
}
