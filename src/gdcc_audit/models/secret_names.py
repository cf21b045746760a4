"""Whether an attribute's name says it holds a secret (``password``, ``client_secret``,
``private_key`` ...): shared by the secret scanner (``gdcc_audit.secrets``) and the Terraform
evaluator, which marks reads of secret attributes (``load.terraform.secret_sources``)."""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["is_ciphertext_name", "is_secret_name", "plain_arguments", "sensitive_arguments"]

#: Name parts that make an attribute a secret holder.
_SECRET_WORDS = re.compile(
    r"(password|passwd|passphrase|secret|token|private_?key|access_?key|api_?key|auth_?key|"
    r"connection_?string|credential|admin_?pass|pre_?shared_?key|shared_?key|"
    # an Azure storage account's key (harbor's ``azure.accountkey``, ``storageAccountKey``)
    # and a service's master key (MeiliSearch / Parse ``masterKey``), as the name's end only
    # (``masterKeyIps`` is an allow list)
    r"account_?key$|master_?key$|"
    # a key that signs tokens or sessions (Kiali's ``login_token.signing_key``, a JWT
    # ``signingKey``): whoever holds it forges them
    r"signing_?key$|"
    r"(^|_)(pass|pwd|sas|psk)(_|$))",
    re.IGNORECASE,
)
#: Name endings that describe a secret without holding it (a length, a reference, a flag ...).
_NOT_SECRET_SUFFIXES = (
    "_id",
    "_ids",
    "_arn",
    "_arns",
    "_name",
    "_names",
    "_version",
    "_length",
    "_enabled",
    "_enable",
    "_type",
    "_policy",
    "_prevention",
    "_age",
    "_period",
    "_days",
    "_url",
    "_uri",
    "_path",
    "_file",
    "_ttl",
    "_validity",
    "_rotation",
    "_mode",
    "_wo_version",
    # etcd reads each flag from ``ETCD_`` + its name (``ETCD_INITIAL_CLUSTER_TOKEN``, etcd
    # Configuration options): the cluster token below, under an environment variable's name
    "_initial_cluster_token",
    "_etcd_discovery_token",  # (``OPENSHIFT_ETCD_DISCOVERY_TOKEN``: the name below)
    "_auth",
    "_key_vault_id",
    "_source",
    "_count",
    "_expiry",
    "_expiration",
    "_format",
    "_reset_required",
    # which operations on secrets a principal may perform (Key Vault access policies:
    # secret_permissions = ["Get", "List"]), not a secret
    "_permissions",
    # the algorithm of a key or signature (``tsigSecretAlg: hmac-sha256``), a prefix of stored
    # secrets' names (``secretPrefix``), a field selector over Secrets (``secretFieldSelector:
    # type!=kubernetes.io/dockercfg``): settings, not secrets
    "_alg",
    "_algorithm",
    "_prefix",
    "_selector",
    # a configuration document under a name with a secret word (``credentialIssuerConfig``):
    # its text is searched for credential shapes as any text is, not taken whole as a secret
    "_config",
    # the namespace a secret is written to (Crossplane ``writeConnectionSecretsToNamespace``)
    # and the namespaces Secrets are read from (the OpenTelemetry operator's target allocator
    # ``prometheusCR.secretNamespaces``)
    "_namespace",
    "_namespaces",
    # a class of objects (the Secrets Store CSI driver's ``secretProviderClass``: the name of
    # a SecretProviderClass object), and an object's annotations or labels (a chart's
    # ``secretAnnotations: {secret-annotation: ...}``): names and metadata, not secrets
    "_class",
    "_annotation",
    "_annotations",
    "_label",
    "_labels",
    # where API Gateway reads a key or route from a request (``api_key_selection_expression =
    # "$request.header.x-api-key"``, ``ApiKeySelectionExpression``): an expression, not a key
    "_expression",
    # the program that keeps secrets (``HELM_SECRETS_DRIVER: vault``, a ``secrets_backend``,
    # a ``credential_provider``): a setting naming a driver, not a secret
    "_driver",
    "_backend",
    "_provider",
    # how often a password must change (Cloud SQL ``password_validation_policy {
    # password_change_interval = "30s" }``) and where a token is asked for (an OAuth
    # ``token_endpoint``, a URL): settings, not secrets (they FAILed beside the real ones,
    # terraform-docs-samples)
    "_interval",
    "_endpoint",
    # the roles a service token must carry (keystonemiddleware ``[keystone_authtoken]
    # service_token_roles = service``: "A choice of roles that must be present in a service
    # token"), and the libvirt secret's UUID a Ceph client names (Cinder / Nova
    # ``rbd_secret_uuid``: "The libvirt uuid of the secret for the rbd_user volumes"): a
    # role's name and an identifier, as ``_id`` is (openstack-helm's charts FAILed on both)
    "_roles",
    "_uuid",
    # what a password must look like and the text saying so (Horizon's
    # ``pwd_validator_regex`` / ``pwd_validator_help_text``, openstack-helm's horizon chart
    # FAILed): a rule about passwords, not one
    "_regex",
    "_help_text",
    # the same as a setting's whole name (TripleO's ``HorizonPasswordValidator: '.*'`` and
    # ``HorizonPasswordValidatorHelp``, which fill Horizon's two settings above)
    "_validator",
    "_validator_help",
    # how passwords are stored or sent (PostgreSQL's ``password_encryption: scram-sha-256``,
    # "the algorithm to use to encrypt the password": the Zalando and CloudNativePG
    # operators' ``postgresql.parameters`` FAILed, GoogleCloudPlatform/kubernetes-engine-
    # samples): a setting, not a secret
    "_encryption",
    # the name of a secret kept elsewhere (Azure Container Apps ``registries[].
    # passwordSecretRef``: "The name of the Secret that contains the registry login
    # password", ``env[].secretRef``; the app's ``secrets`` hold the value): a reference, as
    # ``secretRef`` itself is (Azure/terraform-azurerm-avm-res-app-containerapp's acr
    # example FAILed on ``passwordSecretRef = "secname"``)
    "_secret_ref",
    # how long what a rotation replaces is kept, and the pattern of generated Secrets' names
    # (the Zalando postgres-operator's ConfigMap: ``password_rotation_user_retention: "180"``,
    # days; ``secret_name_template: "{username}.{cluster}.credentials..."``: both FAILed)
    "_retention",
    "_name_template",
)
_NOT_SECRET_NAMES = frozenset(
    {
        "password_policy",
        "manage_master_user_password",
        "manage_password",
        "password_required",
        "require_passwords",
        "disable_password_authentication",
        "hard_expiry",
        "allow_users_to_change_password",
        "secret_string_wo_version",
        # EFS: "A unique name ... used as reference when creating the Elastic File System to
        # ensure idempotent file system creation" (aws_efs_file_system; EFS API
        # CreationToken): a name wherever it is written (a module input passed on to it,
        # terraform-aws-modules/atlantis' ``module "efs"``, FAILed)
        "creation_token",
        "token_key",
        "access_key_id",
        "public_key",
        "ssh_public_key",
        "admin_ssh_key",
        "key_name",
        "sas_expiry",
        "auth_token_update_strategy",
        "secret_key_ref",
        "secretkeyref",
        "secretref",
        "secret_ref",
        "secrets",
        "secret",
        "token_binding",
        # etcd's ``--initial-cluster-token``: "Initial cluster token for the etcd cluster
        # during bootstrap" (etcd Configuration options), a name that keeps clusters apart so
        # they do not join each other by mistake, not a credential
        "initial_cluster_token",
        # etcd's discovery token (``ETCD_DISCOVERY_TOKEN``; etcd's ``--discovery-token``:
        # "discovery token for the etcd cluster to be bootstrapped"): names one cluster's
        # registry in a discovery service, used only at bootstrap ("cannot be used for
        # runtime reconfiguration or cluster monitoring", etcd Discovery service protocol);
        # the discovery service's own credentials are ``--discovery-user`` /
        # ``--discovery-password`` (still secrets). Only under etcd's name: kubeadm's
        # ``--discovery-token`` is a bootstrap token, a credential (docs/iac.md)
        "etcd_discovery_token",
        # a Crossplane CompositeResourceDefinition's ``connectionSecretKeys``: "the list of
        # keys that will be exposed to the end user of the defined kind" (key names)
        "connection_secret_keys",
        "http_tokens",  # EC2 IMDSv2 setting: "required" / "optional"
        # Cloud Build (google_cloudbuild_trigger build.step / build.secret): a step's
        # secret_env lists the names of environment variables filled from available_secrets
        # or secret; a secret's secret_env maps those names to KMS ciphertexts (cloud.google.com/
        # build/docs/securing-builds/use-encrypted-credentials): neither holds a plaintext secret
        "secret_env",
        # the Secrets a pod pulls its images with, by name (Kubernetes ``imagePullSecrets``:
        # "references to secrets in the same namespace"; istio's ``global.imagePullSecrets:
        # [barSecret]`` FAILed)
        "image_pull_secrets",
        "pull_secrets",
        # CloudFormation GenerateSecretString: how Secrets Manager generates a secret.
        "generatesecretstring",
        "secretstringtemplate",
    }
)


#: Where a camelCase name starts a new word (a capital after a small letter or a digit).
_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")

#: Name starts that say the value is a ciphertext, not the secret: alicloud's
#: ``kms_encrypted_password`` ("An KMS encrypts password used to an instance": the KMS
#: ciphertext of the password, decrypted by the service), an env var
#: ``KMS_ENCRYPTED_DB_PASSWORD``, a PGP-``encrypted_password``. Only a KMS key holder reads it.
_CIPHERTEXT_PREFIXES = ("kms_encrypted_", "encrypted_")


#: Terraform arguments that the provider's schema marks sensitive though their names do not
#: say so, by resource type (a dotted name is an argument inside a block); the names that do
#: (``password``, ``secret_string``, ``private_key`` ...) are read with ``is_secret_name``.
#: A literal written there is a secret written in the configuration (GDCC-SECRET-001), and
#: so is one written in its write-only twin (``value_wo``).
_SENSITIVE_ARGUMENTS: dict[str, frozenset[str]] = {
    # registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ssm_parameter:
    # "value - (Optional, exactly one of value, insecure_value or value_wo) Value of the
    # parameter ... sensitive"
    "aws_ssm_parameter": frozenset({"value"}),
    # .../aws/.../api_gateway_api_key: "value - (Optional) Value of the API key" (sensitive)
    "aws_api_gateway_api_key": frozenset({"value"}),
    # .../aws/.../kms_ciphertext: "plaintext - (Required) Data to be encrypted" (sensitive)
    "aws_kms_ciphertext": frozenset({"plaintext"}),
    # .../aws/.../cloudwatch_event_connection: auth_parameters api_key { key, value }
    # (value sensitive)
    "aws_cloudwatch_event_connection": frozenset({"auth_parameters.api_key.value"}),
    # .../azurerm/.../key_vault_secret: "value - (Optional) Specifies the value of the Key
    # Vault Secret" (sensitive; value_wo its write-only twin)
    "azurerm_key_vault_secret": frozenset({"value"}),
    # .../azurerm/.../key_vault_certificate: certificate { contents, password } (contents is
    # a PFX / PEM bundle with its private key: sensitive)
    "azurerm_key_vault_certificate": frozenset({"certificate.contents"}),
    # .../azurerm/.../application_gateway: ssl_certificate { data (a PFX with its private
    # key), password } (both sensitive)
    "azurerm_application_gateway": frozenset({"ssl_certificate.data"}),
    # .../azurerm/.../container_app: secret { name, value } ("value - (Optional) The value
    # for this secret", sensitive; key_vault_secret_id takes it from a vault instead)
    "azurerm_container_app": frozenset({"secret.value"}),
    "azurerm_container_app_job": frozenset({"secret.value"}),
    # .../openstack/.../keymanager_secret_v1: "payload - (Optional) The secret's data to be
    # stored" (sensitive); identity_application_credential_v3 "secret" (sensitive)
    "openstack_keymanager_secret_v1": frozenset({"payload"}),
    "openstack_identity_application_credential_v3": frozenset({"secret"}),
    # .../aws/.../secretsmanager_secret_version: "secret_binary - (Optional) Specifies
    # binary data that you want to encrypt and store in this version of the secret"
    "aws_secretsmanager_secret_version": frozenset({"secret_binary"}),
    # .../helm/.../release: "set_sensitive - (Optional) Value block with custom sensitive
    # values to be merged with the values yaml that won't be exposed in the plan's diff"
    "helm_release": frozenset({"set_sensitive.value"}),
    # .../kubernetes/.../secret_v1: "data - (Optional) A map of the secret data" (sensitive)
    "kubernetes_secret": frozenset({"data", "binary_data"}),
    "kubernetes_secret_v1": frozenset({"data", "binary_data"}),
    # .../hashicorp/vault: generic and KV secrets written from the configuration
    "vault_generic_secret": frozenset({"data_json"}),
    "vault_kv_secret": frozenset({"data_json"}),
    "vault_kv_secret_v2": frozenset({"data_json"}),
    # .../vault/.../generic_endpoint: "data_json - (Required) String containing a JSON-encoded
    # object that will be written to the given path" (sensitive: it often holds passwords)
    "vault_generic_endpoint": frozenset({"data_json"}),
    # .../vault/.../approle_auth_backend_role_secret_id: "secret_id - (Optional) The SecretID
    # to be created. If set, uses 'Push' mode" (sensitive: an AppRole login credential,
    # though its name ends like an identifier's)
    "vault_approle_auth_backend_role_secret_id": frozenset({"secret_id"}),
    # .../azurerm/.../container_group: container { secure_environment_variables } "A list of
    # sensitive environment variables to be passed to the container" (Azure: "Objects with
    # secure values are intended to hold sensitive information like passwords or keys"):
    # every value is a secret, whatever the variable is called
    "azurerm_container_group": frozenset(
        {"container.secure_environment_variables", "init_container.secure_environment_variables"}
    ),
    # .../azurerm/.../api_management: certificate { encoded_certificate (a base64 PFX with
    # its private key), certificate_password } (sensitive)
    "azurerm_api_management": frozenset({"certificate.encoded_certificate"}),
    # .../azurerm/.../app_service_certificate: "pfx_blob - (Optional) The base64-encoded
    # contents of the certificate" (a PFX with its private key; sensitive)
    "azurerm_app_service_certificate": frozenset({"pfx_blob"}),
    # .../google/.../kms_secret_ciphertext: "plaintext - (Required) The plaintext to be
    # encrypted" (sensitive); aliyun/alicloud/.../kms_ciphertext: "plaintext - The plaintext
    # to be encrypted which must be encoded in Base64"
    "google_kms_secret_ciphertext": frozenset({"plaintext"}),
    "alicloud_kms_ciphertext": frozenset({"plaintext"}),
    # .../alicloud/.../oos_secret_parameter: "value - (Required) The value of the encryption
    # parameter" (an OOS parameter of type Secret, kept encrypted by KMS)
    "alicloud_oos_secret_parameter": frozenset({"value"}),
    # integrations/github/.../actions_secret (and the organization, environment, Dependabot
    # and Codespaces twins): "plaintext_value - (Optional) Plaintext value of the secret to be
    # encrypted" (sensitive)
    "github_actions_secret": frozenset({"plaintext_value"}),
    "github_actions_organization_secret": frozenset({"plaintext_value"}),
    "github_actions_environment_secret": frozenset({"plaintext_value"}),
    "github_dependabot_secret": frozenset({"plaintext_value"}),
    "github_dependabot_organization_secret": frozenset({"plaintext_value"}),
    "github_codespaces_secret": frozenset({"plaintext_value"}),
    "github_codespaces_organization_secret": frozenset({"plaintext_value"}),
    # hashicorp/local/.../sensitive_file: "content - (Optional) Sensitive Content to store in
    # the file" (and content_base64); local_file's deprecated "sensitive_content"
    "local_sensitive_file": frozenset({"content", "content_base64"}),
    "local_file": frozenset({"sensitive_content"}),
}


def sensitive_arguments(provider_type: str) -> frozenset[str]:
    """Arguments of ``provider_type`` whose values are secrets whatever they are called (see
    ``_SENSITIVE_ARGUMENTS``; dotted paths without block indexes)."""
    return _SENSITIVE_ARGUMENTS.get(provider_type, frozenset())


#: Terraform arguments whose names read as a secret's but that the provider documents as no
#: secret, by resource type (dotted, no block indexes): a literal there FAILs only when it has
#: a credential's shape. ``google_integration_connectors_connection`` ``auth_config.auth_key``:
#: "Identifier key for auth config" (Integration Connectors API ``AuthConfig.authKey``; the
#: provider: "The type of authentication configured"), ``sampleAuthKey`` in
#: terraform-docs-samples; the password sits in ``user_password`` (a Secret Manager version).
_PLAIN_ARGUMENTS: dict[str, frozenset[str]] = {
    "google_integration_connectors_connection": frozenset(
        {"auth_config.auth_key", "eventing_config.auth_config.auth_key"}
    ),
    # "A unique name (a maximum of 64 characters are allowed) used as reference when
    # creating the Elastic File System to ensure idempotent file system creation"
    # (aws_efs_file_system, AWS provider docs; EFS API CreationToken): a name, not a token
    # (``"${var.name_prefix}-fs"``, serverless-jenkins-on-aws-fargate, FAILed)
    "aws_efs_file_system": frozenset({"creation_token"}),
}


def plain_arguments(provider_type: str) -> frozenset[str]:
    """The arguments of ``provider_type`` named like secrets that hold none
    (``_PLAIN_ARGUMENTS``; dotted paths without block indexes)."""
    return _PLAIN_ARGUMENTS.get(provider_type, frozenset())


def is_ciphertext_name(name: str) -> bool:
    """A name that says its value is a ciphertext (``kms_encrypted_password``, a SealedSecret's
    ``encryptedData``): only the key's holder reads it."""
    lowered = name.strip().lower().replace("-", "_")
    snake = _CAMEL_BOUNDARY.sub("_", name.strip()).lower().replace("-", "_")
    return lowered.startswith(_CIPHERTEXT_PREFIXES) or snake.startswith(_CIPHERTEXT_PREFIXES)


@lru_cache(maxsize=8192)
def is_secret_name(name: str) -> bool:
    """Whether an attribute named ``name`` is meant to hold a secret value.

    A Terraform write-only argument (``password_wo``, ``value_wo``, ``secret_data_wo``) is
    one: providers add write-only arguments (Terraform 1.11) only for values that must stay
    out of the plan and state, so a literal written there is still in the configuration."""
    lowered = name.strip().lower().replace("-", "_")
    if lowered in _NOT_SECRET_NAMES or lowered.endswith(_NOT_SECRET_SUFFIXES):
        return False
    if lowered.endswith("keyid"):
        # an access key's id written as one word (Alibaba OSS ``accesskeyid``, harbor's
        # values): the id, not the key (``access_key_id`` ends ``_id``)
        return False
    # a camelCase name's words (``SecretName``, ``PasswordLength``, ``dbPasswordSecretArn``,
    # an ARM Key Vault reference's ``secretName``: they name or describe a secret; they
    # FAILed as secrets), read as the snake_case ones are
    snake = _CAMEL_BOUNDARY.sub("_", name.strip()).lower().replace("-", "_")
    if snake != lowered and (snake in _NOT_SECRET_NAMES or snake.endswith(_NOT_SECRET_SUFFIXES)):
        return False
    if name.endswith("_wo") and len(name) > 3:
        return True
    if lowered.startswith(("is_", "enable_", "require_", "allow_", "max_", "min_", "minimum_")):
        return False
    if is_ciphertext_name(name):
        return False
    return _SECRET_WORDS.search(lowered) is not None
