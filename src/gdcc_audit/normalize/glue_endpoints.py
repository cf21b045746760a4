"""AWS Glue development endpoints, read the same way from Terraform (``aws_glue_dev_endpoint``)
and CloudFormation (``AWS::Glue::DevEndpoint``).

A development endpoint is a Spark environment Glue runs for a developer to debug ETL scripts,
reached over SSH with the public keys given (``public_key`` / ``public_keys``): an instance
(``compute.instance``). "When you create a development endpoint in a virtual private cloud
(VPC), AWS Glue returns only a private IP address ... When you create a non-VPC development
endpoint, AWS Glue returns only a public IP address" (Glue API, GetDevEndpoint): without
``subnet_id`` / ``SubnetId`` it has a public address (GDCC-CMP-001 FAIL, labelled as the
API's behaviour). Log-in is by key only (GDCC-CMP-007 PASS). It runs in Glue's service
account: there is no instance metadata service, serial console or user data of the tenant's
(NOT_APPLICABLE); Glue documents no encryption of its disks (its security configuration
encrypts what jobs write to S3, CloudWatch Logs and job bookmarks), so GDCC-CMP-003 stays
UNKNOWN with that reason.
"""

from __future__ import annotations

from typing import Any

from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import DefaultedFacet
from gdcc_audit.models.unknown import UNKNOWN

TF_TYPE = "aws_glue_dev_endpoint"
CFN_TYPE = "AWS::Glue::DevEndpoint"
ADDRESS_DOC = "https://docs.aws.amazon.com/glue/latest/webapi/API_GetDevEndpoint.html"
KEYS_ONLY = Text(
    en="a Glue development endpoint is reached over SSH with the public keys it is given: no "
    "password log-in",
    th="Glue development endpoint เข้าถึงผ่าน SSH ด้วย public key ที่กำหนดเท่านั้น "
    "ไม่มีการเข้าระบบด้วยรหัสผ่าน",
)
DISKS_NOT_DOCUMENTED = Text(
    en="Glue documents no encryption of a development endpoint's disks (its security "
    "configuration encrypts what it writes to S3, CloudWatch Logs and job bookmarks)",
    th="Glue ไม่ได้ระบุการเข้ารหัสดิสก์ของ development endpoint (security configuration "
    "เข้ารหัสข้อมูลที่เขียนไปยัง S3, CloudWatch Logs และ job bookmark)",
)
NOT_TENANT_HOST = Text(
    en="a Glue development endpoint runs in Glue's service account: it has no instance "
    "metadata service, serial console or user data of the tenant's",
    th="Glue development endpoint ทำงานในบัญชีบริการของ Glue จึงไม่มีบริการ metadata ของเครื่อง "
    "serial console หรือ user data ของหน่วยงาน",
)
#: The facets :data:`NOT_TENANT_HOST` says the type does not have.
NOT_ON_ENDPOINTS = frozenset({"metadata_tokens_required", "serial_console", "user_data_secrets"})


def read(subnet: Any, attribute: str) -> tuple[dict[str, Any], dict[str, DefaultedFacet],
                                               dict[str, Text], dict[str, Text]]:
    """Facets, defaults, unknown reasons and reasons of a development endpoint from its
    subnet (None when not written; ``attribute``: how the format calls it)."""
    facets: dict[str, Any] = {"password_auth": False, "encrypted_at_rest": None}
    defaults: dict[str, DefaultedFacet] = {}
    if subnet is None or subnet == "":
        facets["public_endpoint"] = True
        defaults["public_endpoint"] = DefaultedFacet(attribute=attribute, doc=ADDRESS_DOC)
    else:
        # a value not known may be null (a Terraform input given null): not known then
        facets["public_endpoint"] = None if subnet is UNKNOWN else False
    return (facets, defaults, {"encrypted_at_rest": DISKS_NOT_DOCUMENTED},
            {"password_auth": KEYS_ONLY})
