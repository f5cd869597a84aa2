// https://registry.terraform.io/providers/aliyun/alicloud/1.289.0/docs/resources/alikafka_sasl_acl
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktn from 'cdktn';

// Configuration

export interface AlikafkaSaslAclConfig extends cdktn.TerraformMetaArguments {
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aliyun/alicloud/1.289.0/docs/resources/alikafka_sasl_acl#acl_operation_type AlikafkaSaslAcl#acl_operation_type}
  */
  readonly aclOperationType: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aliyun/alicloud/1.289.0/docs/resources/alikafka_sasl_acl#acl_operation_types AlikafkaSaslAcl#acl_operation_types}
  */
  readonly aclOperationTypes?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aliyun/alicloud/1.289.0/docs/resources/alikafka_sasl_acl#acl_permission_type AlikafkaSaslAcl#acl_permission_type}
  */
  readonly aclPermissionType?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aliyun/alicloud/1.289.0/docs/resources/alikafka_sasl_acl#acl_resource_name AlikafkaSaslAcl#acl_resource_name}
  */
  readonly aclResourceName: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aliyun/alicloud/1.289.0/docs/resources/alikafka_sasl_acl#acl_resource_pattern_type AlikafkaSaslAcl#acl_resource_pattern_type}
  */
  readonly aclResourcePatternType: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aliyun/alicloud/1.289.0/docs/resources/alikafka_sasl_acl#acl_resource_type AlikafkaSaslAcl#acl_resource_type}
  */
  readonly aclResourceType: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aliyun/alicloud/1.289.0/docs/resources/alikafka_sasl_acl#host AlikafkaSaslAcl#host}
  */
  readonly host?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aliyun/alicloud/1.289.0/docs/resources/alikafka_sasl_acl#id AlikafkaSaslAcl#id}
  *
  * Please be aware that the id field is automatically added to all resources in Terraform providers using a Terraform provider SDK version below 2.
  * If you experience problems setting this value it might not be settable. Please take a look at the provider documentation to ensure it should be settable.
  */
  readonly id?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aliyun/alicloud/1.289.0/docs/resources/alikafka_sasl_acl#instance_id AlikafkaSaslAcl#instance_id}
  */
  readonly instanceId: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aliyun/alicloud/1.289.0/docs/resources/alikafka_sasl_acl#username AlikafkaSaslAcl#username}
  */
  readonly username: string;
  /**
  * timeouts block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aliyun/alicloud/1.289.0/docs/resources/alikafka_sasl_acl#timeouts AlikafkaSaslAcl#timeouts}
  */
  readonly timeouts?: AlikafkaSaslAclTimeouts;
}
export interface AlikafkaSaslAclTimeouts {
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aliyun/alicloud/1.289.0/docs/resources/alikafka_sasl_acl#create AlikafkaSaslAcl#create}
  */
  readonly create?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aliyun/alicloud/1.289.0/docs/resources/alikafka_sasl_acl#delete AlikafkaSaslAcl#delete}
  */
  readonly delete?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aliyun/alicloud/1.289.0/docs/resources/alikafka_sasl_acl#update AlikafkaSaslAcl#update}
  */
  readonly update?: string;
}

export function alikafkaSaslAclTimeoutsToTerraform(struct?: AlikafkaSaslAclTimeouts | cdktn.IResolvable): any {
  if (!cdktn.canInspect(struct) || cdktn.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktn.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdktn.io/docs/concepts/resources#references");
  }
  return {
    create: cdktn.stringToTerraform(struct!.create),
    delete: cdktn.stringToTerraform(struct!.delete),
    update: cdktn.stringToTerraform(struct!.update),
  }
}


export function alikafkaSaslAclTimeoutsToHclTerraform(struct?: AlikafkaSaslAclTimeouts | cdktn.IResolvable): any {
  if (!cdktn.canInspect(struct) || cdktn.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktn.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdktn.io/docs/concepts/resources#references");
  }
  const attrs = {
    create: {
      value: cdktn.stringToHclTerraform(struct!.create),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    delete: {
      value: cdktn.stringToHclTerraform(struct!.delete),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    update: {
      value: cdktn.stringToHclTerraform(struct!.update),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class AlikafkaSaslAclTimeoutsOutputReference extends cdktn.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktn.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktn.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): AlikafkaSaslAclTimeouts | cdktn.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._create !== undefined) {
      hasAnyValues = true;
      internalValueResult.create = this._create;
    }
    if (this._delete !== undefined) {
      hasAnyValues = true;
      internalValueResult.delete = this._delete;
    }
    if (this._update !== undefined) {
      hasAnyValues = true;
      internalValueResult.update = this._update;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: AlikafkaSaslAclTimeouts | cdktn.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._create = undefined;
      this._delete = undefined;
      this._update = undefined;
    }
    else if (cdktn.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._create = value.create;
      this._delete = value.delete;
      this._update = value.update;
    }
  }

  // create - computed: false, optional: true, required: false
  private _create?: string; 
  public get create() {
    return this.getStringAttribute('create');
  }
  public set create(value: string) {
    this._create = value;
  }
  public resetCreate() {
    this._create = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get createInput() {
    return this._create;
  }

  // delete - computed: false, optional: true, required: false
  private _delete?: string; 
  public get delete() {
    return this.getStringAttribute('delete');
  }
  public set delete(value: string) {
    this._delete = value;
  }
  public resetDelete() {
    this._delete = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get deleteInput() {
    return this._delete;
  }

  // update - computed: false, optional: true, required: false
  private _update?: string; 
  public get update() {
    return this.getStringAttribute('update');
  }
  public set update(value: string) {
    this._update = value;
  }
  public resetUpdate() {
    this._update = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get updateInput() {
    return this._update;
  }
}

/**
* Represents a {@link https://registry.terraform.io/providers/aliyun/alicloud/1.289.0/docs/resources/alikafka_sasl_acl alicloud_alikafka_sasl_acl}
*/
export class AlikafkaSaslAcl extends cdktn.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "alicloud_alikafka_sasl_acl";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTN code for importing a AlikafkaSaslAcl resource upon running "cdktn plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the AlikafkaSaslAcl to import
  * @param importFromId The id of the existing AlikafkaSaslAcl that should be imported. Refer to the {@link https://registry.terraform.io/providers/aliyun/alicloud/1.289.0/docs/resources/alikafka_sasl_acl#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the AlikafkaSaslAcl to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktn.TerraformProvider) {
        return new cdktn.ImportableResource(scope, importToId, { terraformResourceType: "alicloud_alikafka_sasl_acl", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/aliyun/alicloud/1.289.0/docs/resources/alikafka_sasl_acl alicloud_alikafka_sasl_acl} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options AlikafkaSaslAclConfig
  */
  public constructor(scope: Construct, id: string, config: AlikafkaSaslAclConfig) {
    super(scope, id, {
      terraformResourceType: 'alicloud_alikafka_sasl_acl',
      terraformGeneratorMetadata: {
        providerName: 'alicloud',
        providerVersion: '1.289.0'
      },
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      provisioners: config.provisioners,
      connection: config.connection,
      forEach: config.forEach
    });
    this._aclOperationType = config.aclOperationType;
    this._aclOperationTypes = config.aclOperationTypes;
    this._aclPermissionType = config.aclPermissionType;
    this._aclResourceName = config.aclResourceName;
    this._aclResourcePatternType = config.aclResourcePatternType;
    this._aclResourceType = config.aclResourceType;
    this._host = config.host;
    this._id = config.id;
    this._instanceId = config.instanceId;
    this._username = config.username;
    this._timeouts.internalValue = config.timeouts;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // acl_operation_type - computed: false, optional: false, required: true
  private _aclOperationType?: string; 
  public get aclOperationType() {
    return this.getStringAttribute('acl_operation_type');
  }
  public set aclOperationType(value: string) {
    this._aclOperationType = value;
  }
  // Temporarily expose input value. Use with caution.
  public get aclOperationTypeInput() {
    return this._aclOperationType;
  }

  // acl_operation_types - computed: false, optional: true, required: false
  private _aclOperationTypes?: string; 
  public get aclOperationTypes() {
    return this.getStringAttribute('acl_operation_types');
  }
  public set aclOperationTypes(value: string) {
    this._aclOperationTypes = value;
  }
  public resetAclOperationTypes() {
    this._aclOperationTypes = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get aclOperationTypesInput() {
    return this._aclOperationTypes;
  }

  // acl_permission_type - computed: true, optional: true, required: false
  private _aclPermissionType?: string; 
  public get aclPermissionType() {
    return this.getStringAttribute('acl_permission_type');
  }
  public set aclPermissionType(value: string) {
    this._aclPermissionType = value;
  }
  public resetAclPermissionType() {
    this._aclPermissionType = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get aclPermissionTypeInput() {
    return this._aclPermissionType;
  }

  // acl_resource_name - computed: false, optional: false, required: true
  private _aclResourceName?: string; 
  public get aclResourceName() {
    return this.getStringAttribute('acl_resource_name');
  }
  public set aclResourceName(value: string) {
    this._aclResourceName = value;
  }
  // Temporarily expose input value. Use with caution.
  public get aclResourceNameInput() {
    return this._aclResourceName;
  }

  // acl_resource_pattern_type - computed: false, optional: false, required: true
  private _aclResourcePatternType?: string; 
  public get aclResourcePatternType() {
    return this.getStringAttribute('acl_resource_pattern_type');
  }
  public set aclResourcePatternType(value: string) {
    this._aclResourcePatternType = value;
  }
  // Temporarily expose input value. Use with caution.
  public get aclResourcePatternTypeInput() {
    return this._aclResourcePatternType;
  }

  // acl_resource_type - computed: false, optional: false, required: true
  private _aclResourceType?: string; 
  public get aclResourceType() {
    return this.getStringAttribute('acl_resource_type');
  }
  public set aclResourceType(value: string) {
    this._aclResourceType = value;
  }
  // Temporarily expose input value. Use with caution.
  public get aclResourceTypeInput() {
    return this._aclResourceType;
  }

  // host - computed: true, optional: true, required: false
  private _host?: string; 
  public get host() {
    return this.getStringAttribute('host');
  }
  public set host(value: string) {
    this._host = value;
  }
  public resetHost() {
    this._host = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get hostInput() {
    return this._host;
  }

  // id - computed: true, optional: true, required: false
  private _id?: string; 
  public get id() {
    return this.getStringAttribute('id');
  }
  public set id(value: string) {
    this._id = value;
  }
  public resetId() {
    this._id = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get idInput() {
    return this._id;
  }

  // instance_id - computed: false, optional: false, required: true
  private _instanceId?: string; 
  public get instanceId() {
    return this.getStringAttribute('instance_id');
  }
  public set instanceId(value: string) {
    this._instanceId = value;
  }
  // Temporarily expose input value. Use with caution.
  public get instanceIdInput() {
    return this._instanceId;
  }

  // username - computed: false, optional: false, required: true
  private _username?: string; 
  public get username() {
    return this.getStringAttribute('username');
  }
  public set username(value: string) {
    this._username = value;
  }
  // Temporarily expose input value. Use with caution.
  public get usernameInput() {
    return this._username;
  }

  // timeouts - computed: false, optional: true, required: false
  private _timeouts = new AlikafkaSaslAclTimeoutsOutputReference(this, "timeouts");
  public get timeouts() {
    return this._timeouts;
  }
  public putTimeouts(value: AlikafkaSaslAclTimeouts) {
    this._timeouts.internalValue = value;
  }
  public resetTimeouts() {
    this._timeouts.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get timeoutsInput() {
    return this._timeouts.internalValue;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      acl_operation_type: cdktn.stringToTerraform(this._aclOperationType),
      acl_operation_types: cdktn.stringToTerraform(this._aclOperationTypes),
      acl_permission_type: cdktn.stringToTerraform(this._aclPermissionType),
      acl_resource_name: cdktn.stringToTerraform(this._aclResourceName),
      acl_resource_pattern_type: cdktn.stringToTerraform(this._aclResourcePatternType),
      acl_resource_type: cdktn.stringToTerraform(this._aclResourceType),
      host: cdktn.stringToTerraform(this._host),
      id: cdktn.stringToTerraform(this._id),
      instance_id: cdktn.stringToTerraform(this._instanceId),
      username: cdktn.stringToTerraform(this._username),
      timeouts: alikafkaSaslAclTimeoutsToTerraform(this._timeouts.internalValue),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      acl_operation_type: {
        value: cdktn.stringToHclTerraform(this._aclOperationType),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      acl_operation_types: {
        value: cdktn.stringToHclTerraform(this._aclOperationTypes),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      acl_permission_type: {
        value: cdktn.stringToHclTerraform(this._aclPermissionType),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      acl_resource_name: {
        value: cdktn.stringToHclTerraform(this._aclResourceName),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      acl_resource_pattern_type: {
        value: cdktn.stringToHclTerraform(this._aclResourcePatternType),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      acl_resource_type: {
        value: cdktn.stringToHclTerraform(this._aclResourceType),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      host: {
        value: cdktn.stringToHclTerraform(this._host),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      id: {
        value: cdktn.stringToHclTerraform(this._id),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      instance_id: {
        value: cdktn.stringToHclTerraform(this._instanceId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      username: {
        value: cdktn.stringToHclTerraform(this._username),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      timeouts: {
        value: alikafkaSaslAclTimeoutsToHclTerraform(this._timeouts.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "AlikafkaSaslAclTimeouts",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
