"""Cloud Functions and Cloud Run services: who may invoke them, and HTTPS.

A function or service is private until an IAM grant on it names ``allUsers`` or
``allAuthenticatedUsers``: "By default, Cloud Run services are private"
(cloud.google.com/run/docs/authenticating/public) and Cloud Functions require authentication
unless an invoker grant allows unauthenticated calls
(cloud.google.com/functions/docs/securing/managing-access-iam). The grants
(``google_cloudfunctions_function_iam_*``, ``google_cloudfunctions2_function_iam_*``,
``google_cloud_run_service_iam_*``, ``google_cloud_run_v2_service_iam_*``) are read with the
Google IAM reader shared with buckets and BigQuery (:mod:`google_iam_policy`) and named in the
evidence. The Cloud Run Admin API v1 and v2 are two versions of one API over
the same Service resource ("Cloud Run provides two Cloud Run Admin API versions: v1 and v2",
both covering Service; cloud.google.com/run/docs/reference/about-api-versions): a
``google_cloud_run_service_iam_*`` grant on a ``google_cloud_run_v2_service`` opens it, and a
v2 grant a v1 service. 2nd gen functions "use the Cloud Run Invoker role (roles/run.invoker)",
a permission that "must be assigned on the Cloud Run service resource"
(cloud.google.com/functions/docs/securing/authenticating): a Cloud Run grant naming a
``google_cloudfunctions2_function`` (its service has the function's name) opens it. Any role
given to everyone counts: the reader does not guess which custom or predefined roles carry the
invoke permission.

Ingress: a grant to everyone lets in whoever the ingress setting lets reach the service
("Ingress settings and IAM authentication methods are two ways of managing access to a
service. They are independent of each other", cloud.google.com/run/docs/securing/ingress).
"All" (the default of every type) admits the internet; "Internal" admits only the project's
VPC networks, Shared VPC, internal Application Load Balancers and the VPC Service Controls
perimeter, never the internet, so such a grant leaves the service private to the internet
(PASS, saying why); "Internal and Cloud Load Balancing" adds external Application Load
Balancers, which may be outside the scan: not known. Settings: ``ingress`` of a v2 service
(``INGRESS_TRAFFIC_ALL`` default), the ``run.googleapis.com/ingress`` annotation of a v1
service (``all`` default), ``ingress_settings`` of a 1st gen function and
``service_config.ingress_settings`` of a 2nd gen one (``ALLOW_ALL`` default; "Default value
is ALLOW_ALL", registry.terraform.io/providers/hashicorp/google/latest/docs/resources/
cloudfunctions2_function#ingress_settings).

HTTPS: a 1st gen function with an HTTP trigger accepts plain HTTP unless
``https_trigger_security_level = "SECURE_ALWAYS"`` ("If unspecified, SECURE_OPTIONAL will be
used", cloud.google.com/python/docs/reference/cloudfunctions/latest/
google.cloud.functions_v1.types.HttpsTrigger); an event-triggered 1st gen function has no
HTTP endpoint. 2nd gen functions run on Cloud Run, which "redirects all HTTP requests to HTTPS"
(cloud.google.com/run/docs/triggering/https-request).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import DefaultedFacet, Facets
from gdcc_audit.normalize.terraform.context import (
    CompanionFn,
    Contribution,
    MapFn,
    Mapped,
    TfContext,
)
from gdcc_audit.normalize.terraform.google_iam_policy import (
    Grants,
    grant_merge,
    iam_grants,
    iam_standalone,
)
from gdcc_audit.normalize.terraform.google_lb import external_route
from gdcc_audit.normalize.terraform.values import block, flag, is_set, text

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
    HTTPS only; public as far as its ingress admits the internet when the invoker IAM check
    is disabled (:func:`_iam_check_disabled`)."""
    key = r.values.get("template")
    v2_key = None
    if isinstance(key, list) and key and isinstance(key[0], dict):
        v2_key = key[0].get("encryption_key")
    return "compute.function", Facets(
        public_access=_open_without_iam(r, ctx),
        public_grants=(),
        encrypted_in_transit=True,
        customer_managed_key=None if v2_key is UNKNOWN else v2_key not in (None, "")
        if r.type == _RUN2
        else None,
    )


_JOB = "google_cloud_run_v2_job"


def run_job(r: TfResource, ctx: TfContext) -> Mapped:
    """``google_cloud_run_v2_job`` (was not mapped): a job has no endpoint and no ingress; it
    runs when someone with ``run.jobs.run`` ("Invoke (execute) jobs executions") executes it
    through the Admin API, and "By default, only project owners and editors can create,
    update, delete, or invoke Cloud Run resources" (cloud.google.com/run/docs/securing/
    managing-access): private until a ``google_cloud_run_v2_job_iam_*`` grant names
    ``allUsers`` / ``allAuthenticatedUsers`` (:data:`JOB_COMPANIONS`), then public: anyone
    may run it. Nothing served, so nothing in clear; the key: ``template.template
    .encryption_key``."""
    template = block(r.values, "template")
    inner = None if template is None else block(template, "template")
    key = None if inner is None else inner.get("encryption_key")
    return "compute.function", Facets(
        public_access=False,
        public_grants=(),
        encrypted_in_transit=True,
        customer_managed_key=None if key is UNKNOWN or inner is None else key not in (None, ""),
    )


_VERTEX = "google_vertex_ai_endpoint"


def _vertex_private(r: TfResource, ctx: TfContext) -> tuple[str | None, bool | None]:
    """``(setting, private)``: whether a Vertex AI endpoint is served on a private endpoint
    (``network``: "The full name of the Google Compute Engine network to which the Endpoint
    should be peered ... If left unspecified, the Endpoint is not peered with any network";
    ``private_service_connect_config.enable_private_service_connect``) rather than on the
    public Vertex AI API; None when not known. A network of the scan is named by a computed
    id: set."""
    v = r.values
    network = is_set(v, "network")
    if network is None and ctx.target_of(r, "network", ["google_compute_network"]):
        network = True
    psc = block(v, "private_service_connect_config")
    enabled = None if psc is None else flag(psc, "enable_private_service_connect", False)
    if network or enabled:
        return ("network" if network else
                "private_service_connect_config.enable_private_service_connect = true"), True
    if network is None or enabled is None:
        return None, None
    return None, False


def vertex_endpoint(r: TfResource, ctx: TfContext) -> Mapped:
    """``google_vertex_ai_endpoint`` (was not mapped): an online prediction endpoint, private
    until an IAM grant on it (``google_vertex_ai_endpoint_iam_*``, :data:`VERTEX_GRANT_TYPES`)
    names ``allUsers`` / ``allAuthenticatedUsers``: calling it needs
    ``aiplatform.endpoints.predict`` (cloud.google.com/vertex-ai/docs/general/
    endpoint-access-control). A public endpoint (no ``network``, no Private Service Connect)
    is served by the Vertex AI API over HTTPS (``https://{region}-aiplatform.googleapis.com``,
    a dedicated endpoint ``https://...prediction.vertexai.goog``); a private one is reached
    from the peered VPC network or a Private Service Connect endpoint only, through a URI
    "Http(s) path" (PrivateEndpoints.predict_http_uri) whose scheme is not read: HTTPS not
    known. The key: ``encryption_spec.kms_key_name``."""
    setting, private = _vertex_private(r, ctx)
    if private:
        ctx.note(r, "encrypted_in_transit", None, unknown=Text(
            en=f"a private endpoint ({setting}): whether it is served over HTTPS is not known "
            "(PrivateEndpoints.predict_http_uri: an HTTP(S) path)",
            th=f"เป็น endpoint ส่วนตัว ({setting}): ไม่ทราบว่าให้บริการผ่าน HTTPS หรือไม่ "
            "(PrivateEndpoints.predict_http_uri: เส้นทาง HTTP(S))",
        ))
    spec = block(r.values, "encryption_spec")
    key = None if spec is None else spec.get("kms_key_name")
    return "compute.function", Facets(
        public_access=False,
        public_grants=(),
        encrypted_in_transit=None if private is not False else True,
        customer_managed_key=None if spec is None or key is UNKNOWN else key not in (None, ""),
    )


#: The IAM grant types of Vertex AI endpoints.
VERTEX_GRANT_TYPES = tuple(f"{_VERTEX}_iam_{form}" for form in ("member", "binding", "policy"))


def _vertex_companion(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """An IAM member / binding / policy on a Vertex AI endpoint: a grant to everyone lets
    anyone call a public endpoint (any role counts, as for services); on a private endpoint
    (or one whose network is not known) whether the internet reaches it is not known."""
    target = ctx.target_of(r, "endpoint", [_VERTEX])
    if target is None:
        return []
    grants = iam_grants(r, ctx)
    setting, private = _vertex_private(target, ctx)
    if grants.public is False or private is False:
        return [Contribution(target.address, r.address, merge=grant_merge(grants, r))]
    ctx.note(target, "public_access", None, unknown=Text(
        en=f"it is granted to everyone, but served on a private endpoint ({setting}): whether "
        "the internet reaches it is not known" if private else "it is granted to everyone, "
        "and whether it is served on a private endpoint (network, Private Service Connect) "
        "is not known",
        th=f"มีการให้สิทธิ์แก่ทุกคน แต่ให้บริการบน endpoint ส่วนตัว ({setting}): "
        "ไม่ทราบว่าอินเทอร์เน็ตเข้าถึงได้หรือไม่" if private else "มีการให้สิทธิ์แก่ทุกคน "
        "และไม่ทราบว่าให้บริการบน endpoint ส่วนตัว (network, Private Service Connect) หรือไม่",
    ))
    return [Contribution(target.address, r.address,
                         merge=grant_merge(Grants(None, grants.named), r))]


_IAM_DISABLED = "run.googleapis.com/invoker-iam-disabled"


def _iam_check_disabled(r: TfResource) -> tuple[str, bool | None]:
    """``(setting, disabled)``: whether a Cloud Run service skips the invoker IAM check, "the
    recommended way to make a public service" (cloud.google.com/run/docs/authenticating/
    public#invoker_check; "Cloud Run enforces this check by default"): v2
    ``invoker_iam_disabled``, v1 the ``run.googleapis.com/invoker-iam-disabled`` annotation;
    None when not known."""
    if r.type == _RUN2:
        return "invoker_iam_disabled = true", flag(r.values, "invoker_iam_disabled", False)
    where = f'metadata.annotations."{_IAM_DISABLED}" = "true"'
    metadata = block(r.values, "metadata")
    annotations = None if metadata is None else metadata.get("annotations", {})
    if not isinstance(annotations, Mapping):
        return where, None
    value = annotations.get(_IAM_DISABLED, "false")
    return where, value.lower() == "true" if isinstance(value, str) else None


def _open_without_iam(r: TfResource, ctx: TfContext) -> bool | None:
    """False unless the service skips the invoker IAM check; then whether its ingress lets
    the internet in (the reason noted), not known when either is not."""
    setting, disabled = _iam_check_disabled(r)
    if disabled is False:
        return False
    if disabled is None:
        ctx.note(r, "public_access", None, unknown=Text(
            en=f"whether the invoker IAM check is disabled ({setting.split(' ')[0]}) is not "
            "known",
            th=f"ไม่ทราบว่าปิดการตรวจสิทธิ์ IAM ของผู้เรียกใช้ ({setting.split(' ')[0]}) หรือไม่",
        ))
        return None
    reach, why = _ingress_reach(r, ctx)
    said = Text(en=f"{setting}: anyone may invoke it without credentials",
                th=f"{setting}: ทุกคนเรียกใช้ได้โดยไม่ต้องยืนยันตัวตน")
    if why is not None:
        said = Text(en=f"{said.en}; {why.en}", th=f"{said.th}; {why.th}")
    if reach is None:
        ctx.note(r, "public_access", None, unknown=said)
    else:
        ctx.note(r, "public_access", reach, because=why if reach is False else said)
    return reach


#: What an ingress setting admits: the internet, internal sources only, or internal sources
#: and (perhaps external) Application Load Balancers.
_ALL, _INTERNAL, _BALANCERS = "all", "internal", "balancers"
_ADMITS = {
    "all": _ALL,
    "internal": _INTERNAL,
    "internal-and-cloud-load-balancing": _BALANCERS,
    "ingress_traffic_all": _ALL,
    "ingress_traffic_internal_only": _INTERNAL,
    "ingress_traffic_internal_load_balancer": _BALANCERS,
    "ingress_traffic_none": _INTERNAL,  # "No ingress traffic is allowed"
    "allow_all": _ALL,
    "allow_internal_only": _INTERNAL,
    "allow_internal_and_gclb": _BALANCERS,
}
_RUN_INGRESS = "run.googleapis.com/ingress"


def _ingress_setting(r: TfResource) -> tuple[str, str | None]:
    """``(attribute, value)`` of the ingress setting of a function or service: the value as
    written, its default when absent, None when not known."""
    v = r.values
    if r.type == _RUN:
        metadata = block(v, "metadata")
        annotations = None if metadata is None else metadata.get("annotations")
        where = f"metadata.annotations.{_RUN_INGRESS}"
        if metadata is not None and annotations is None:
            return where, "all"
        if not isinstance(annotations, Mapping):
            return where, None
        value = annotations.get(_RUN_INGRESS, "all")
        return where, value if isinstance(value, str) else None
    if r.type == _RUN2:
        return "ingress", text(v, "ingress", "INGRESS_TRAFFIC_ALL")
    if r.type == _GEN2:
        config = block(v, "service_config")
        setting = None if config is None else text(config, "ingress_settings", "ALLOW_ALL")
        return "service_config.ingress_settings", setting
    return "ingress_settings", text(v, "ingress_settings", "ALLOW_ALL")


def _ingress_reach(target: TfResource, ctx: TfContext) -> tuple[bool | None, Text | None]:
    """Whether a request from the internet gets past the ingress setting of ``target``, and
    why when not plainly "all": internal-only never; internal and Cloud Load Balancing when
    an external Application Load Balancer of the scan reaches it through a serverless NEG
    (:func:`google_lb.external_route`), else not known (one may be outside the scan)."""
    reach, why = _ingress_only(target, ctx)
    if reach is True and target.type == _RUN2 and flag(target.values, "iap_enabled") is True:
        # "iap_enabled": Identity-Aware Proxy signs callers in before the service
        # (cloud.google.com/run/docs/securing/identity-aware-proxy-cloud-run); whom its
        # access policy admits is not read
        return None, Text(
            en="iap_enabled = true: Identity-Aware Proxy signs callers in first, and whom it "
            "admits is not read",
            th="iap_enabled = true: Identity-Aware Proxy ให้ผู้เรียกยืนยันตัวตนก่อน "
            "และไม่ได้อ่านว่าอนุญาตผู้ใด",
        )
    return reach, why


def _ingress_only(target: TfResource, ctx: TfContext) -> tuple[bool | None, Text | None]:
    """:func:`_ingress_reach` from the ingress setting alone."""
    attribute, value = _ingress_setting(target)
    admits = _ADMITS.get(value.lower()) if value is not None else None
    if admits == _ALL:
        return True, None
    written = f'{attribute} = "{value}"'
    if admits == _INTERNAL:
        return False, Text(
            en=f"{written} admits internal traffic only: no request from the internet "
            "reaches it, whoever may invoke it",
            th=f"{written} รับเฉพาะทราฟฟิกภายใน: คำขอจากอินเทอร์เน็ตเข้าไม่ถึง "
            "ไม่ว่าผู้ใดจะได้รับสิทธิ์เรียกใช้",
        )
    if admits == _BALANCERS:
        route = external_route(target, ctx)
        if route is not None:
            chain = " → ".join(r.address for r in route)
            return True, Text(
                en=f"{written} admits external Application Load Balancers, and one reaches "
                f"it from the internet: {chain}",
                th=f"{written} รับทราฟฟิกจาก Application Load Balancer ภายนอก "
                f"และมีตัวหนึ่งส่งคำขอจากอินเทอร์เน็ตมาถึง: {chain}",
            )
        return None, Text(
            en=f"{written} admits external Application Load Balancers, which may be outside "
            "the scan",
            th=f"{written} รับทราฟฟิกจาก Application Load Balancer ภายนอก "
            "ซึ่งอาจอยู่นอกขอบเขตที่ตรวจ",
        )
    return None, Text(
        en=f"its ingress setting ({attribute}) is not known",
        th=f"ไม่ทราบค่าการตั้งค่า ingress ({attribute})",
    )


def ingress_attributes(r: TfResource) -> dict[str, Any]:
    """``{"ingress_admits": "all" | "internal" | "balancers" | None}`` of a function or
    Cloud Run service (what its ingress setting lets in, for the graph's load balancer
    edges); empty for other types."""
    if r.type not in (_GEN1, _GEN2, _RUN, _RUN2):
        return {}
    _, value = _ingress_setting(r)
    return {"ingress_admits": _ADMITS.get(value.lower()) if value is not None else None}


def _gated(
    grants: Grants, source: TfResource, target: TfResource, ctx: TfContext
) -> Callable[[Facets], Mapping[str, Any]]:
    """The merge of an invoker grant on ``target``, as far as its ingress lets everyone in:
    the internet ("all", or an external load balancer of the scan reaching it), nobody from
    the internet ("internal": the grant makes nothing public, and the PASS says why), or not
    known (external load balancers may be let in)."""
    if grants.public is False:
        return grant_merge(grants, source)
    reach, why = _ingress_reach(target, ctx)
    if reach is True:
        if why is not None:
            ctx.note(target, "public_access", True, because=why)
        return grant_merge(grants, source)
    if reach is False:
        ctx.note(target, "public_access", False, because=why)
        return lambda facets: {}
    ctx.note(target, "public_access", None, unknown=why)
    return grant_merge(Grants(None, grants.named), source)


def _invoker_companion(attribute: str, types: list[str]) -> CompanionFn:
    """The companion of an IAM member / binding / policy on a function or service: a grant
    to everyone makes it public as far as its ingress setting admits the internet."""

    def companion(r: TfResource, ctx: TfContext) -> list[Contribution]:
        target = ctx.target_of(r, attribute, types)
        if target is None:
            return []
        merge = _gated(iam_grants(r, ctx), r, target, ctx)
        return [Contribution(target.address, r.address, merge=merge)]

    return companion


_GRANTS: dict[str, tuple[str, list[str]]] = {
    "google_cloudfunctions_function_iam": ("cloud_function", [_GEN1]),
    "google_cloudfunctions2_function_iam": ("cloud_function", [_GEN2]),
    # Admin API v1 and v2 manage the same services: either IAM resource opens either type,
    # and a 2nd gen function, which is invoked through its Cloud Run service.
    "google_cloud_run_service_iam": ("service", [_RUN, _RUN2, _GEN2]),
    "google_cloud_run_v2_service_iam": ("name", [_RUN2, _RUN, _GEN2]),
}
#: The IAM grant types of functions and services (member, binding, policy).
GRANT_TYPES = tuple(f"{p}_{form}" for p in _GRANTS for form in ("member", "binding", "policy"))

#: The IAM grant types of Cloud Run jobs: no ingress gates them (a job has no endpoint).
JOB_GRANT_TYPES = tuple(f"{_JOB}_iam_{form}" for form in ("member", "binding", "policy"))


def _job_companion(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """An IAM member / binding / policy on a Cloud Run job: a grant to everyone lets anyone
    execute it (any role counts, as for services)."""
    target = ctx.target_of(r, "name", [_JOB])
    if target is None:
        return []
    return [Contribution(target.address, r.address, merge=grant_merge(iam_grants(r, ctx), r))]


MAPPINGS: dict[str, MapFn] = {
    _GEN1: function_gen1,
    _GEN2: function_gen2,
    _RUN: run_service,
    _RUN2: run_service,
    _JOB: run_job,
    _VERTEX: vertex_endpoint,
    **dict.fromkeys(
        (*GRANT_TYPES, *JOB_GRANT_TYPES, *VERTEX_GRANT_TYPES), iam_standalone("compute.function")
    ),
}

COMPANIONS: dict[str, CompanionFn] = {
    **{
        f"{prefix}_{form}": _invoker_companion(attribute, types)
        for prefix, (attribute, types) in _GRANTS.items()
        for form in ("member", "binding", "policy")
    },
    **dict.fromkeys(JOB_GRANT_TYPES, _job_companion),
    **dict.fromkeys(VERTEX_GRANT_TYPES, _vertex_companion),
}
