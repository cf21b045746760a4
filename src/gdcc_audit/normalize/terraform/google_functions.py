"""Cloud Functions and Cloud Run services: who may invoke them, and HTTPS.

A function or service is private until an IAM grant on it names ``allUsers`` or
``allAuthenticatedUsers``: "By default, Cloud Run services are private"
(cloud.google.com/run/docs/authenticating/public) and Cloud Functions require authentication
unless an invoker grant allows unauthenticated calls
(cloud.google.com/functions/docs/securing/managing-access-iam). The grants
(``google_cloudfunctions_function_iam_*``, ``google_cloudfunctions2_function_iam_*``,
``google_cloud_run_service_iam_*``, ``google_cloud_run_v2_service_iam_*``) are read with the
Google IAM reader shared with buckets and BigQuery (:mod:`google_iam_policy`) and named in the
evidence. Any role given to everyone counts: the reader does not guess which custom or
predefined roles carry the invoke permission.

HTTPS: a 1st gen function with an HTTP trigger accepts plain HTTP unless
``https_trigger_security_level = "SECURE_ALWAYS"`` ("If unspecified, SECURE_OPTIONAL will be
used", cloud.google.com/python/docs/reference/cloudfunctions/latest/
google.cloud.functions_v1.types.HttpsTrigger); an event-triggered 1st gen function has no
HTTP endpoint. 2nd gen functions run on Cloud Run, which "redirects all HTTP requests to HTTPS"
(cloud.google.com/run/docs/triggering/https-request).
"""

from __future__ import annotations

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.resource import DefaultedFacet, Facets
from gdcc_audit.normalize.terraform.context import (
    CompanionFn,
    MapFn,
    Mapped,
    TfContext,
)
from gdcc_audit.normalize.terraform.google_iam_policy import iam_companion, iam_standalone
from gdcc_audit.normalize.terraform.values import flag, is_set, text

#: The documented default security level of a 1st gen HTTP function (plain HTTP served).
_SECURE_OPTIONAL = DefaultedFacet(
    attribute="https_trigger_security_level",
    doc="https://cloud.google.com/python/docs/reference/cloudfunctions/latest/"
    "google.cloud.functions_v1.types.HttpsTrigger",
)
_GEN1 = "google_cloudfunctions_function"
_GEN2 = "google_cloudfunctions2_function"
_RUN = "google_cloud_run_service"
_RUN2 = "google_cloud_run_v2_service"


def function_gen1(r: TfResource, ctx: TfContext) -> Mapped:
    """``google_cloudfunctions_function``: private by default; plain HTTP accepted on an HTTP
    trigger unless SECURE_ALWAYS."""
    v = r.values
    http = flag(v, "trigger_http", False)
    level = text(v, "https_trigger_security_level", "SECURE_OPTIONAL")
    if http is None or (http and level is None):
        https: bool | None = None
    elif not http:
        https = True  # no HTTP endpoint: nothing is served in clear
    else:
        https = level == "SECURE_ALWAYS"
        if v.get("https_trigger_security_level") is None:
            ctx.note(r, "encrypted_in_transit", False, default=_SECURE_OPTIONAL)
    return "compute.function", Facets(
        public_access=False,
        public_grants=(),
        encrypted_in_transit=https,
        customer_managed_key=is_set(v, "kms_key_name"),
    )


def function_gen2(r: TfResource, ctx: TfContext) -> Mapped:
    """``google_cloudfunctions2_function``: private by default, HTTPS only (Cloud Run)."""
    return "compute.function", Facets(
        public_access=False,
        public_grants=(),
        encrypted_in_transit=True,
        customer_managed_key=is_set(r.values, "kms_key_name"),
    )


def run_service(r: TfResource, ctx: TfContext) -> Mapped:
    """``google_cloud_run_service`` / ``google_cloud_run_v2_service``: private by default,
    HTTPS only."""
    key = r.values.get("template")
    v2_key = None
    if isinstance(key, list) and key and isinstance(key[0], dict):
        v2_key = key[0].get("encryption_key")
    return "compute.function", Facets(
        public_access=False,
        public_grants=(),
        encrypted_in_transit=True,
        customer_managed_key=None if v2_key is UNKNOWN else v2_key not in (None, "")
        if r.type == _RUN2
        else None,
    )


_GRANTS: dict[str, tuple[str, list[str]]] = {
    "google_cloudfunctions_function_iam": ("cloud_function", [_GEN1]),
    "google_cloudfunctions2_function_iam": ("cloud_function", [_GEN2]),
    "google_cloud_run_service_iam": ("service", [_RUN]),
    "google_cloud_run_v2_service_iam": ("name", [_RUN2]),
}
#: The IAM grant types of functions and services (member, binding, policy).
GRANT_TYPES = tuple(f"{p}_{form}" for p in _GRANTS for form in ("member", "binding", "policy"))

MAPPINGS: dict[str, MapFn] = {
    _GEN1: function_gen1,
    _GEN2: function_gen2,
    _RUN: run_service,
    _RUN2: run_service,
    **dict.fromkeys(GRANT_TYPES, iam_standalone("compute.function")),
}

COMPANIONS: dict[str, CompanionFn] = {
    f"{prefix}_{form}": iam_companion(attribute, types)
    for prefix, (attribute, types) in _GRANTS.items()
    for form in ("member", "binding", "policy")
}
