"""Provider defaults that changed between major versions of a Terraform provider.

An attribute left out takes the default of the provider version that applies the
configuration, and some defaults changed: an ``aws_redshift_cluster`` without
``publicly_accessible`` is public with the AWS provider 5 and private from 6.0. Each row of
:data:`VERSIONED` gives, per attribute, the default from each version on, citing the upgrade
guide (or the provider page / source) that says so; :func:`versioned_default` picks the row
for the versions a root runs with (``gdcc_audit.load.terraform.versions``):

- the lock file's exact version: that version's default;
- else the versions ``required_providers`` allow together: their default when every allowed
  version has the same one, else UNKNOWN naming the range (the lock file that decides is not
  in the scan);
- else (no lock file, no constraint) the newest provider's default, since ``terraform init``
  installs the newest release: said in the finding ("no version pinned"), with the caveat
  that a lock file outside the scan may hold an older version.

Values are compared, not verdicts: two different defaults give UNKNOWN even where a rule
would judge both alike (a rule is not known at mapping time).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gdcc_audit.load.terraform.versions import (
    ProviderPin,
    Version,
    VersionRange,
    parse_version,
    show,
)
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import DefaultedFacet

#: A version range whose default no page states: a root pinned there is UNKNOWN.
UNDOCUMENTED = object()

_AWS6 = (
    "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/"
    "version-6-upgrade#resource-aws_redshift_cluster"
)
#: AWS provider 5.x (internal/service/redshift/cluster.go): "publicly_accessible": Optional,
#: Default true, sent in CreateCluster; "encrypted": Optional, Default false, sent at create
#: only when true. Since January 2025 CreateCluster's own default is true ("If you set the
#: value on this parameter to false, the request will fail. Default: true"), so the cluster
#: is created encrypted, but the read value (true) then differs from the provider's default
#: (false) and the next apply sends ModifyCluster Encrypted false ("If the value is not
#: encrypted (false), then the cluster is decrypted"): the configuration asks for no
#: encryption, and false stays its value. The resource page of those versions:
#: "publicly_accessible - (Optional) If true, the cluster can be accessed from a public
#: network. Default is `true`."
_AWS5_REDSHIFT = (
    "https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/redshift_cluster"
)
_AZ3 = (
    "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/guides/3.0-upgrade-guide"
)
_AZ4 = (
    "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/guides/4.0-upgrade-guide"
)
#: google provider 7.0 upgrade guide, google_alloydb_cluster: "The field
#: `deletion_protection` has been added with a default value of `true`"; the 6.x resource has
#: no such argument (the 6.50.0 page below lists none), so nothing stopped Terraform deleting
#: the cluster (``deletion_policy`` only says whether its instances go with it).
_GOOGLE7_ALLOYDB = (
    "https://registry.terraform.io/providers/hashicorp/google/latest/docs/guides/"
    "version_7_upgrade#cluster-deletion-now-prevented-by-default-with-deletion_protection"
)
_GOOGLE6_ALLOYDB = (
    "https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/"
    "alloydb_cluster"
)
#: The current azurerm resource pages (the default of the newest era).
_AZ = "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/"
#: The azurerm 2.98 kubernetes_cluster page: RBAC only through the
#: `role_based_access_control` block ("enabled - (Required) Is Role Based Access Control
#: Enabled?"), none sent without it.
_AZ2_AKS = (
    "https://registry.terraform.io/providers/hashicorp/azurerm/2.98.0/docs/resources/"
    "kubernetes_cluster#role_based_access_control"
)
#: Azure's minimum TLS of a Cosmos DB account that does not set one.
_COSMOS_TLS = "https://learn.microsoft.com/azure/cosmos-db/self-serve-minimum-tls-enforcement"
#: The azurerm 3.x resource pages (the last 3.x release), for defaults 4.0 changed.
_AZ3_PAGES = "https://registry.terraform.io/providers/hashicorp/azurerm/3.117.1/docs/resources/"


@dataclass(frozen=True)
class Era:
    """From version ``since`` on (None: the first release), an absent attribute gives the
    facet ``value`` (``UNDOCUMENTED``: no page says), as ``doc`` states."""

    since: Version | None
    value: Any
    doc: str


@dataclass(frozen=True)
class VersionedDefault:
    """``facet`` when ``attribute`` (a dotted value path) is not written, per provider era.
    ``mapped`` is what the mapper gives the facet when the attribute is absent: a value the
    mapper (or a companion) gave otherwise is left as it is."""

    provider: str
    facet: str
    attribute: str
    mapped: Any
    eras: tuple[Era, ...]


def _redshift(facet: str) -> VersionedDefault:
    return VersionedDefault(
        "aws",
        facet,
        "publicly_accessible",
        None,
        # "publicly_accessible now defaults to false" (AWS provider 6.0 upgrade guide)
        (Era(None, True, _AWS5_REDSHIFT), Era((6, 0, 0), False, _AWS6)),
    )


def _tls(provider: str, attribute: str, mapped: str, eras: tuple[Era, ...]) -> VersionedDefault:
    return VersionedDefault(provider, "tls_min_version", attribute, mapped, eras)


#: "The default value of the field `ssl_minimal_tls_version_enforced` will change from
#: `TLSEnforcementDisabled` to `TLS1_2`" (azurerm 3.0 upgrade guide, azurerm_mysql_server and
#: azurerm_postgresql_server); TLSEnforcementDisabled accepts TLS 1.0 (the mapper's "1.0").
def _single_server(name: str) -> tuple[Era, ...]:
    return (Era(None, "1.0", _AZ3), Era((3, 0, 0), "1.2", _AZ + name))


#: Provider type -> its defaults that changed between provider versions.
VERSIONED: dict[str, tuple[VersionedDefault, ...]] = {
    "google_alloydb_cluster": (
        VersionedDefault(
            "google",
            "deletion_protection",
            "deletion_protection",
            True,
            (Era(None, False, _GOOGLE6_ALLOYDB), Era((7, 0, 0), True, _GOOGLE7_ALLOYDB)),
        ),
    ),
    "aws_redshift_cluster": (
        _redshift("public_endpoint"),
        _redshift("public_access"),
        # "encrypted now defaults to true" (AWS provider 6.0 upgrade guide)
        VersionedDefault(
            "aws",
            "encrypted_at_rest",
            "encrypted",
            None,
            (Era(None, False, _AWS5_REDSHIFT), Era((6, 0, 0), True, _AWS6)),
        ),
    ),
    # "The default value for the field `min_tls_version` will change from `TLS1_0` to
    # `TLS1_2`" (azurerm 3.0 upgrade guide, azurerm_storage_account)
    "azurerm_storage_account": (
        _tls(
            "azurerm",
            "min_tls_version",
            "1.2",
            (
                Era(None, "1.0", _AZ3),
                Era((3, 0, 0), "1.2", _AZ + "storage_account#min_tls_version"),
            ),
        ),
    ),
    "azurerm_postgresql_server": (
        _tls(
            "azurerm",
            "ssl_minimal_tls_version_enforced",
            "1.2",
            _single_server("postgresql_server"),
        ),
    ),
    "azurerm_mysql_server": (
        _tls(
            "azurerm",
            "ssl_minimal_tls_version_enforced",
            "1.2",
            _single_server("mysql_server"),
        ),
    ),
    # "The default value of the field `minimum_tls_version` will be set to `1.2`" (azurerm
    # 3.0 upgrade guide, azurerm_mssql_server); no page states what 2.x sent
    "azurerm_mssql_server": (
        _tls(
            "azurerm",
            "minimum_tls_version",
            "1.2",
            (Era(None, UNDOCUMENTED, _AZ3), Era((3, 0, 0), "1.2", _AZ + "mssql_server")),
        ),
    ),
    # "The default value for the field `minimum_tls_version` will change from `1.0` to `1.2`"
    # (azurerm 3.0 upgrade guide, azurerm_redis_cache)
    "azurerm_redis_cache": (
        _tls(
            "azurerm",
            "minimum_tls_version",
            "1.2",
            (Era(None, "1.0", _AZ3), Era((3, 0, 0), "1.2", _AZ + "redis_cache")),
        ),
    ),
    # "The property `minimum_tls_version` now defaults to `1.2`" (azurerm 4.0 upgrade guide,
    # azurerm_servicebus_namespace and azurerm_eventhub_namespace); 3.x sent none when it was
    # not written (Azure then chose), and no page states which
    **{
        namespace: (
            _tls(
                "azurerm",
                "minimum_tls_version",
                "1.2",
                (
                    Era(None, UNDOCUMENTED, _AZ4),
                    Era((4, 0, 0), "1.2", _AZ + namespace.removeprefix("azurerm_")),
                ),
            ),
        )
        for namespace in ("azurerm_servicebus_namespace", "azurerm_eventhub_namespace")
    },
    # "The property `custom_parameters.no_public_ip` now defaults to `true`" (azurerm 4.0
    # upgrade guide, azurerm_databricks_workspace); 3.x: "no_public_ip - (Optional) Are public
    # IP Addresses not allowed? ... Defaults to `false`" (the facet is its opposite)
    "azurerm_databricks_workspace": (
        VersionedDefault(
            "azurerm",
            "node_public_ip",
            "custom_parameters.0.no_public_ip",
            False,
            (
                Era(None, True, _AZ3_PAGES + "databricks_workspace#no_public_ip"),
                Era((4, 0, 0), False, _AZ4 + "#azurerm_databricks_workspace"),
            ),
        ),
    ),
    # "The property `public_network_access_enabled` now defaults to `true`" (azurerm 4.0
    # upgrade guide, azurerm_machine_learning_workspace); no page states what 3.x sent
    "azurerm_machine_learning_workspace": (
        VersionedDefault(
            "azurerm",
            "public_endpoint",
            "public_network_access_enabled",
            True,
            (
                Era(None, UNDOCUMENTED, _AZ4 + "#azurerm_machine_learning_workspace"),
                Era((4, 0, 0), True, _AZ + "machine_learning_workspace"),
            ),
        ),
    ),
    # AKS Kubernetes RBAC (GDCC-CLU-008): before azurerm 2.99 only the
    # `role_based_access_control` block set it, and without the block the provider sent
    # enableRBAC false (expandKubernetesClusterRoleBasedAccessControl: `if len(input) == 0 {
    # return false, ...}`); 2.99 added `role_based_access_control_enabled`, "Defaults to
    # true". A written block is not a default (terraform/cluster_auth.py).
    "azurerm_kubernetes_cluster": (
        VersionedDefault(
            "azurerm",
            "rbac_authorization",
            "role_based_access_control_enabled",
            True,
            (
                Era(None, False, _AZ2_AKS),
                Era((2, 99, 0), True, _AZ + "kubernetes_cluster#role_based_access_control_enabled"),
            ),
        ),
    ),
    # "The `minimal_tls_version` property now defaults to `Tls12`" (azurerm 4.0 upgrade
    # guide, azurerm_cosmosdb_account). 3.x had no default: it sent no value (before the
    # attribute came) or an empty one (cosmosdb_account_resource.go, v3.117.0: Optional,
    # Computed, `d.Get("minimal_tls_version")`), so the account took Azure's: "The default
    # value for new accounts is Tls12", and since 31 August 2025 "all Cosmos DB database
    # accounts must use ... TLS 1.2 or higher" (self-serve-minimum-tls-enforcement)
    "azurerm_cosmosdb_account": (
        _tls(
            "azurerm",
            "minimal_tls_version",
            "1.2",
            (
                Era(None, "1.2", _COSMOS_TLS),
                Era((4, 0, 0), "1.2", _AZ + "cosmosdb_account"),
            ),
        ),
    ),
}



def _basic_until_4(page: str, since_4: str) -> VersionedDefault:
    """An Azure SKU that was Basic when not written before azurerm 4.0 and Standard since."""
    return VersionedDefault(
        "azurerm",
        "sku",
        "sku",
        None,
        (Era(None, "Basic", _AZ3_PAGES + page), Era((4, 0, 0), "Standard", since_4)),
    )


#: Provider type -> its *attributes* (kept in ``Resource.attributes`` under ``facet``, read
#: by the graph) whose default changed between provider versions. The mapper writes the
#: decided value, with ``<name>_default`` (the provider versions that gave it) or, when the
#: versions allowed disagree, None with ``<name>_unknown`` (why).
VERSIONED_ATTRIBUTES: dict[str, tuple[VersionedDefault, ...]] = {
    # azurerm 3.x: "sku - (Optional) The SKU of the Azure Load Balancer. Accepted values are
    # Basic, Standard and Gateway. Defaults to Basic."; "The property `sku` now defaults to
    # `Standard`" (azurerm 4.0 upgrade guide, azurerm_lb)
    "azurerm_lb": (_basic_until_4("lb", _AZ4 + "#azurerm_lb"),),
    # azurerm 3.x: "Defaults to Basic"; "Defaults to `Standard`" from 4.0 (provider pull
    # request 25217, "update public ip sku default value to `Standard` from 4.0")
    "azurerm_public_ip": (_basic_until_4("public_ip", _AZ + "public_ip#sku"),),
}


@dataclass(frozen=True)
class Decided:
    """What a versioned default gives a facet: ``value`` with its ``label`` (None: the
    versions in play disagree or are undocumented, and ``reason`` says why)."""

    value: Any
    label: DefaultedFacet | None
    reason: Text | None


def _end(eras: tuple[Era, ...], index: int) -> Version | None:
    return eras[index + 1].since if index + 1 < len(eras) else None


def _era_text(provider: str, eras: tuple[Era, ...], index: int) -> str:
    since, end = eras[index].since, _end(eras, index)
    if since is None and end is not None:
        return f"{provider} < {show(end)}"
    if end is None and since is not None:
        return f"{provider} >= {show(since)}"
    if since is not None and end is not None:
        return f"{provider} >= {show(since)}, < {show(end)}"
    return provider


def _where(path: str, root: str) -> str:
    """``path`` (``file`` or ``file:line``) relative to the root folder."""
    try:
        return os.path.relpath(path, root)
    except ValueError:  # another drive (Windows)
        return path


def _shown(value: Any) -> str:
    return "not documented" if value is UNDOCUMENTED else str(value).lower()


def _shown_th(value: Any) -> str:
    return "ไม่มีเอกสารระบุ" if value is UNDOCUMENTED else str(value).lower()


#: How a version label (``DefaultedFacet.version``) ends when no lock file names the version.
NOT_LOCKED = ", not locked"
NOT_PINNED = ", no version pinned"
_LABEL_TH = {NOT_LOCKED: ", ไม่ได้ล็อกเวอร์ชัน", NOT_PINNED: ", ไม่ได้กำหนดเวอร์ชัน"}


def label_th(label: str) -> str:
    """The Thai of a version label: its English ending (``NOT_LOCKED``, ``NOT_PINNED``) in
    Thai; the provider, versions and files stay as written."""
    for ending, thai in _LABEL_TH.items():
        if label.endswith(ending):
            return label.removesuffix(ending) + thai
    return label


def versioned_default(row: VersionedDefault, pins: Mapping[str, ProviderPin], root: str) -> Decided:
    """The default ``row`` gives for the provider versions ``pins`` say a root runs with."""
    eras = row.eras
    pin = pins.get(row.provider)
    locked = parse_version(pin.locked) if pin is not None and pin.locked else None
    if pin is not None and locked is not None:
        version = locked[0]
        index = max(i for i, e in enumerate(eras) if e.since is None or e.since <= version)
        where = _where(pin.lock_file or "", root)
        label = f"{row.provider} {pin.locked}, {where}"
        return _one(row, index, label, None)
    allowed = pin.allowed() if pin is not None else None
    if pin is not None and allowed is not None and not allowed.empty():
        written = "; ".join(f"{c.text} ({_where(c.where, root)})" for c in pin.constraints)
        indexes = [i for i, e in enumerate(eras) if allowed.overlaps(e.since, _end(eras, i))]
        values = [eras[i].value for i in indexes]
        documented = all(v is not UNDOCUMENTED for v in values)
        if len(indexes) == 1 or (documented and all(v == values[0] for v in values)):
            return _one(row, indexes[-1], f"{row.provider} {written}{NOT_LOCKED}", None)
        spans = ", ".join(
            f"{_shown(eras[i].value)} for {_era_text(row.provider, eras, i)}" for i in indexes
        )
        spans_th = ", ".join(
            f"{_shown_th(eras[i].value)} สำหรับ {_era_text(row.provider, eras, i)}"
            for i in indexes
        )
        return Decided(
            None,
            None,
            Text(
                en=(
                    f"the provider default of '{row.attribute}' changed between provider "
                    f"versions ({spans}) and the configuration allows {row.provider} "
                    f"{written} with no .terraform.lock.hcl in the scan to say which is used"
                ),
                th=(
                    f"ค่าเริ่มต้นของ '{row.attribute}' เปลี่ยนไปตามเวอร์ชันของ provider ({spans_th}) "
                    f"และการตั้งค่ายอมรับ {row.provider} {written} โดยไม่มี .terraform.lock.hcl "
                    "ในชุดที่ตรวจเพื่อบอกว่าใช้เวอร์ชันใด"
                ),
            ),
        )
    # No lock file and no constraint: terraform init installs the newest release.
    newest = len(eras) - 1
    since = eras[newest].since
    label = f"{row.provider} >= {show(since)}" if since is not None else row.provider
    unless = Text(
        en=(
            f"no {row.provider} provider version is pinned (no .terraform.lock.hcl, no "
            "required_providers version): terraform init installs the newest release; a lock "
            "file outside the scanned files may select an older version"
        ),
        th=(
            f"ไม่ได้กำหนดเวอร์ชัน provider {row.provider} (ไม่มี .terraform.lock.hcl และไม่มี version "
            "ใน required_providers) terraform init จะติดตั้งรุ่นล่าสุด "
            "แต่ lock file นอกชุดที่ตรวจอาจเลือกรุ่นที่เก่ากว่า"
        ),
    )
    return _one(row, newest, f"{label}{NOT_PINNED}", unless)


def _one(row: VersionedDefault, index: int, label: str, unless: Text | None) -> Decided:
    era = row.eras[index]
    if era.value is UNDOCUMENTED:
        span = _era_text(row.provider, row.eras, index)
        return Decided(
            None,
            None,
            Text(
                en=(
                    f"no documentation states what {span} sends when '{row.attribute}' is "
                    f"not set ({label})"
                ),
                th=f"ไม่มีเอกสารระบุว่า {span} ส่งค่าใดเมื่อไม่ได้กำหนด '{row.attribute}' "
                f"({label_th(label)})",
            ),
        )
    return Decided(
        era.value,
        DefaultedFacet(attribute=row.attribute, doc=era.doc, unless=unless, version=label),
        None,
    )


def deciding(provider_type: str) -> dict[str, str]:
    """Facet -> attribute of the versioned defaults of ``provider_type``."""
    return {row.facet: row.attribute for row in VERSIONED.get(provider_type, ())}


__all__ = [
    "UNDOCUMENTED",
    "VERSIONED",
    "VERSIONED_ATTRIBUTES",
    "Decided",
    "VersionRange",
    "versioned_default",
]
