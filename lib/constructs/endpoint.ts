import { ALIKAFKA_ENDPOINTS, EndpointAttribute, EndpointKind, EndpointSpec, INSTANCE_ENDPOINTS } from '../alikafka';

/**
 * A computed endpoint attribute of `alicloud_alikafka_instance` (set by the provider after apply). Read one with
 * `KafkaInstance.endpointAttribute(KafkaEndpointAttribute.SASL_DOMAIN_ENDPOINT)`, or take an endpoint's
 * attribute with `KafkaInstance.endpointOf(KafkaEndpoint.VPC_SASL)`.
 */
export class KafkaEndpointAttribute {
  /** `end_point`: the VPC default endpoint, as IP addresses (`host:9092,...`). */
  public static readonly END_POINT = new KafkaEndpointAttribute('end_point');
  /** `domain_endpoint`: the VPC default endpoint, as domain names. */
  public static readonly DOMAIN_ENDPOINT = new KafkaEndpointAttribute('domain_endpoint');
  /** `sasl_domain_endpoint`: the VPC SASL endpoint (9094), as domain names. */
  public static readonly SASL_DOMAIN_ENDPOINT = new KafkaEndpointAttribute('sasl_domain_endpoint');
  /** `vpc_sasl_domain_endpoint`: the VPC SSL endpoint (9095), provider 1.283.0 and later. */
  public static readonly VPC_SASL_DOMAIN_ENDPOINT = new KafkaEndpointAttribute('vpc_sasl_domain_endpoint');
  /** `ssl_endpoint`: the Internet endpoint (9093), as IP addresses. */
  public static readonly SSL_ENDPOINT = new KafkaEndpointAttribute('ssl_endpoint');
  /** `ssl_domain_endpoint`: the Internet endpoint (9093), as domain names. */
  public static readonly SSL_DOMAIN_ENDPOINT = new KafkaEndpointAttribute('ssl_domain_endpoint');

  /** The attribute by its Terraform name. */
  public static of(name: EndpointAttribute): KafkaEndpointAttribute {
    const all = [
      KafkaEndpointAttribute.END_POINT,
      KafkaEndpointAttribute.DOMAIN_ENDPOINT,
      KafkaEndpointAttribute.SASL_DOMAIN_ENDPOINT,
      KafkaEndpointAttribute.VPC_SASL_DOMAIN_ENDPOINT,
      KafkaEndpointAttribute.SSL_ENDPOINT,
      KafkaEndpointAttribute.SSL_DOMAIN_ENDPOINT,
    ];
    return all.find((a) => a.name === name) ?? new KafkaEndpointAttribute(name);
  }

  private constructor(public readonly name: EndpointAttribute) {}

  /** What the attribute holds, for an output's description. */
  public get description(): string {
    return INSTANCE_ENDPOINTS.find((e) => e.attribute === this.name)?.description ?? this.name;
  }
}

/**
 * An AliKafka endpoint (network, port, security protocol), from the rule module's endpoint table: the VPC default
 * endpoint (9092, PLAINTEXT), the VPC SASL endpoint (9094), the VPC SSL endpoint (9095, SASL_SSL) and the Internet
 * endpoint (9093, SASL_SSL). Compare endpoints by `kind`.
 */
export class KafkaEndpoint {
  /** VPC, port 9092, PLAINTEXT: every instance. */
  public static readonly VPC = new KafkaEndpoint('vpc-default');
  /** VPC, port 9094, SASL_PLAINTEXT: instances with ACLs enabled. */
  public static readonly VPC_SASL = new KafkaEndpoint('vpc-sasl');
  /** VPC, port 9095, SASL_SSL: instances with VPC transmission encryption. */
  public static readonly VPC_SSL = new KafkaEndpoint('vpc-ssl');
  /** Internet, port 9093, SASL_SSL: Internet-and-VPC instances (`KafkaDeployType.PUBLIC`). */
  public static readonly PUBLIC = new KafkaEndpoint('public');

  /** The endpoint by its kind in the rule module (`vpc-default`, `vpc-sasl`, `vpc-ssl`, `public`). */
  public static of(kind: EndpointKind): KafkaEndpoint {
    return [KafkaEndpoint.VPC, KafkaEndpoint.VPC_SASL, KafkaEndpoint.VPC_SSL, KafkaEndpoint.PUBLIC].find((e) => e.kind === kind) ?? new KafkaEndpoint(kind);
  }

  /** What the rule module knows of this endpoint: port, protocol, SASL mechanisms, when it exists. */
  public readonly spec: EndpointSpec;
  /** The instance attributes that hold it, domain-name form first. */
  public readonly attributes: readonly KafkaEndpointAttribute[];

  private constructor(public readonly kind: EndpointKind) {
    const spec = ALIKAFKA_ENDPOINTS.find((e) => e.kind === kind);
    if (spec === undefined) throw new RangeError(`unknown AliKafka endpoint kind ${JSON.stringify(kind)}`);
    this.spec = spec;
    this.attributes = spec.attributes.map((a) => KafkaEndpointAttribute.of(a));
  }

  /** The port (9092, 9093, 9094 or 9095). */
  public get port(): number {
    return this.spec.port;
  }
}
