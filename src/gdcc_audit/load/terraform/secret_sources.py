"""Which values a Terraform expression reads are secrets, whatever their value.

Terraform itself marks such values: a variable declared ``sensitive = true`` (or
``ephemeral = true``), a module output declared ``sensitive = true``, and the attributes a
provider's schema marks sensitive (``random_password.x.result``,
``aws_secretsmanager_secret_version.x.secret_string``, ``tls_private_key.x.private_key_pem``,
``data.aws_ssm_parameter.x.value`` ...). Put into instance user data, such a value is readable
through the instance metadata service at run time (GDCC-CMP-005), though nothing secret is
written in the configuration.

The evaluator records what an expression reads in ``Context.refs``; a secret read is recorded
there too, as ``SECRET_MARK`` + a description (``sensitive variable var.db_password,
variables.tf:3``), so that it follows values through locals, module inputs and outputs and
template variables the way references do. It is per expression, not per value: an attribute
of a local object that also holds a password counts as reading it (Terraform marks the one
attribute only).
"""

from __future__ import annotations

from gdcc_audit.models.secret_names import is_secret_name, sensitive_arguments

#: Prefix of the entries of ``Context.refs`` that describe a secret read (never an address:
#: addresses start with a resource type, ``data.`` or ``module.``).
SECRET_MARK = "secret:"

#: Attributes that providers mark sensitive though their names do not say so (the names that
#: do — ``password``, ``secret_string``, ``private_key_pem``, ``token`` ... — are read with
#: ``is_secret_name``, as the secret scanner reads attribute names), besides the arguments of
#: ``models.secret_names.sensitive_arguments`` (``aws_ssm_parameter`` ``value`` ...).
_SENSITIVE_ATTRIBUTES: dict[str, frozenset[str]] = {
    # registry.terraform.io/providers/hashicorp/random/latest/docs/resources/password
    "random_password": frozenset({"result", "bcrypt_hash"}),
    # hashicorp/aws: aws_iam_access_key (secret, ses_smtp_password_v4 are sensitive)
    "aws_iam_access_key": frozenset({"secret"}),
    "aws_kms_secrets": frozenset({"plaintext"}),
    "aws_kms_secret": frozenset({"plaintext"}),
    # hashicorp/azuread: application passwords
    "azuread_application_password": frozenset({"value"}),
    "azuread_service_principal_password": frozenset({"value"}),
    # hashicorp/vault: secrets read from Vault
    "vault_generic_secret": frozenset({"data", "data_json"}),
    "vault_kv_secret": frozenset({"data", "data_json"}),
    "vault_kv_secret_v2": frozenset({"data", "data_json"}),
}

#: Attributes named like a secret that hold none (a reference to one, a public half).
_NOT_SECRET_ATTRIBUTES = frozenset({"id", "arn", "name", "public_key_pem", "public_key_openssh"})


def secret_attribute(rtype: str, attributes: list[str]) -> bool:
    """Whether reading ``attributes`` (names from the resource down: ``["result"]``,
    ``["master_user_secret", "secret_arn"]``) of a resource or data source of type ``rtype``
    reads a secret: the last name is one the provider marks sensitive, or is named like a
    secret."""
    if not attributes:
        return False
    last = attributes[-1]
    if last in _NOT_SECRET_ATTRIBUTES:
        return False
    if last in _SENSITIVE_ATTRIBUTES.get(rtype, ()) or last in sensitive_arguments(rtype):
        return True
    return is_secret_name(last)


def variable_flag(name: str) -> str:
    """How a variable declared with ``name = true`` is described."""
    return "sensitive variable" if name == "sensitive" else "ephemeral variable"
