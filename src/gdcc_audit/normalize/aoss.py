"""Amazon OpenSearch Serverless collections, judged through the policies that match them.

A collection has no network or encryption setting of its own: account-wide *security
policies* assign them to every collection whose name matches a pattern of a rule
(``collection/logs``, ``collection/logs*``, ``collection/*``), and *data access policies*
name the principals that may use its indexes (Amazon OpenSearch Service developer guide,
docs.aws.amazon.com/opensearch-service/latest/developerguide/serverless-network.html,
serverless-encryption.html, serverless-data-access.html). The Terraform and CloudFormation
mappers give this module each collection's name and the policies of the scan, already
decoded (a value not known statically is anything but ``str`` / ``bool``), and get facets:

- ``public_endpoint``: a network policy rule with ``AllowFromPublic: true`` matches the
  collection's endpoint (``ResourceType: collection``) or its OpenSearch Dashboards endpoint
  (``dashboard``: "users connecting from public networks can access the collection data
  through Dashboards"). Public access overrides private access where rules overlap
  (serverless-network.html, "Policy precedence"). No network policy of the scan matching the
  collection: "not accessible without configuring an applicable network security policy"
  (registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/
  opensearchserverless_collection): reachable from no network.
- ``customer_managed_key``: the collection's own encryption configuration first (it "takes
  precedence over the security policy configuration", AWS::OpenSearchServerless::Collection),
  else the matching encryption policy: ``KmsARN`` is a key of the customer, ``AWSOwnedKey:
  true`` is not. A collection "cannot be created without having an applicable encryption
  security policy", so without one in the scan the key is not known (the policy is elsewhere).
- ``public_access``: a public endpoint and a data access policy that grants the collection
  or its indexes to everyone (principal ``*``). "Data cannot be accessed without configuring
  an applicable data access policy": none matching grants nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from gdcc_audit.models.common import Text

__all__ = ["CollectionFacts", "Policy", "Shape", "decode", "judge"]

NETWORK_DOC = "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/serverless-network.html"
ENCRYPTION_DOC = (
    "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/serverless-encryption.html"
)
#: "All communication with the OpenSearch Serverless endpoints uses TLS 1.2 encryption" and
#: OpenSearch Serverless "automatically upgrades your collections" to new versions
#: (docs.aws.amazon.com/opensearch-service/latest/developerguide/serverless-overview.html).
OVERVIEW_DOC = (
    "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/serverless-overview.html"
)


@dataclass(frozen=True)
class Policy:
    """One security or data access policy of the scan: ``kind`` is ``network``,
    ``encryption`` or ``data``; ``document`` its decoded JSON (None: it cannot be read)."""

    name: str
    kind: str
    document: Any


@dataclass
class CollectionFacts:
    """What the policies give one collection, with the evidence for a finding."""

    public_endpoint: bool | None = None
    public_access: bool | None = None
    customer_managed_key: bool | None = None
    public_grants: tuple[str, ...] | None = None
    #: facet -> why it is what it is (a policy, or the absence of one)
    because: dict[str, Text] = field(default_factory=dict)
    #: facet -> why it is not known
    unknown: dict[str, Text] = field(default_factory=dict)


def decode(text: Any) -> Any:
    """A policy document from its JSON text (a decoded value passes); None if unreadable."""
    if isinstance(text, str):
        try:
            return json.loads(text)
        except ValueError:
            return None
    return text if isinstance(text, dict | list) else None


@dataclass(frozen=True)
class Shape:
    """A text known in part (a collection name or a rule's pattern built from an input that
    is not known): ``text`` with ``marker`` in place of each part not known."""

    text: str
    marker: str

    def ends(self) -> tuple[str, str]:
        """The written text before the first part not known and after the last one."""
        pieces = self.text.split(self.marker)
        return pieces[0], pieces[-1]


def _compatible(first: str, second: str, tail: bool = False) -> bool:
    """Whether two written ends can belong to one text: one starts (``tail``: ends) the
    other."""
    if tail:
        return first.endswith(second) or second.endswith(first)
    return first.startswith(second) or second.startswith(first)


def _shape_matches(body: Any, prefix: str, name: Any) -> bool | None:
    """:func:`_matches` where the pattern or the name is known in part: False when their
    written ends cannot agree whatever the parts not known hold (``collection/ex-…-public``
    never covers ``ex-…-private``: a pattern's written end must end the name, and a part
    not known may at most be a ``*``), None otherwise."""
    star = False
    if isinstance(body, Shape):
        head, tail = body.ends()
        if prefix == "index":
            tail = ""  # the part not known may hold the "/" that ends the collection's name
    elif isinstance(body, str):
        star = body.endswith("*")
        head, tail = (body[:-1], "") if star else (body, body)
    else:
        return None
    if isinstance(name, Shape):
        name_head, name_tail = name.ends()
        if not _compatible(head, name_head):
            return False
        if isinstance(body, str) and star and name_head.startswith(head):
            return True  # "ex-*" covers "ex-…" whatever follows
        if tail.endswith("*") or not tail:
            return None
        return None if _compatible(tail, name_tail, tail=True) else False
    if not isinstance(name, str):
        return None
    if not name.startswith(head):
        return False
    if tail and not tail.endswith("*") and not name.endswith(tail):
        return False
    return None


def _matches(pattern: Any, prefix: str, name: Any) -> bool | None:
    """Whether ``pattern`` (``collection/logs*``, ``index/logs/*``) covers collection
    ``name``; None when either is not known (a :class:`Shape` known in part decides when its
    written ends cannot agree with the other: :func:`_shape_matches`)."""
    if isinstance(pattern, Shape):
        if not pattern.text.startswith(prefix + "/"):
            head = pattern.ends()[0]
            # the part not known may write the type ("collection/...") itself
            return None if (prefix + "/").startswith(head) else False
        return _shape_matches(
            Shape(pattern.text[len(prefix) + 1 :], pattern.marker), prefix, name
        )
    if not isinstance(pattern, str):
        return None
    if not pattern.startswith(prefix + "/"):
        return False
    body = pattern[len(prefix) + 1 :]
    if prefix == "index":
        body = body.split("/", 1)[0]
    if body == "*":
        return True
    if isinstance(name, Shape):
        return _shape_matches(body, prefix, name)
    if not isinstance(name, str):
        return None
    if body.endswith("*"):
        return name.startswith(body[:-1])
    return body == name


def _rule_sets(document: Any) -> list[dict[str, Any]] | None:
    """The rule sets of a network or data access policy (a list of them, or one)."""
    sets = document if isinstance(document, list) else [document]
    return sets if all(isinstance(s, dict) for s in sets) else None


def _covers(rule_set: dict[str, Any], types: tuple[str, ...], name: Any) -> bool | None:
    """Whether some rule of ``rule_set`` of one of ``types`` matches collection ``name``."""
    rules = rule_set.get("Rules")
    if not isinstance(rules, list):
        return None
    found: bool | None = False
    for rule in rules:
        if not isinstance(rule, dict):
            return None
        kind = rule.get("ResourceType")
        if not isinstance(kind, str):
            found = None
            continue
        if kind not in types:
            continue
        resources = rule.get("Resource")
        resources = resources if isinstance(resources, list) else [resources]
        prefix = "index" if kind == "index" else "collection"
        for pattern in resources:
            hit = _matches(pattern, prefix, name)
            if hit:
                return True
            if hit is None:
                found = None
    return found


def _t(en: str, th: str) -> Text:
    return Text(en=en, th=th)


def _network(name: Any, policies: Iterable[Policy]) -> tuple[bool | None, Text]:
    """Whether a network policy opens the collection to public networks, and why."""
    unknown: list[Text] = []
    private: list[str] = []
    maybe: list[str] = []
    for policy in policies:
        sets = None if policy.document is None else _rule_sets(policy.document)
        if sets is None:
            unknown.append(
                _t(
                    f"network policy {policy.name} cannot be read",
                    f"อ่าน network policy {policy.name} ไม่ได้",
                )
            )
            continue
        for rule_set in sets:
            hit = _covers(rule_set, ("collection", "dashboard"), name)
            if hit is False:
                continue
            public = rule_set.get("AllowFromPublic", False)
            if hit is True and public is True:
                return True, _t(
                    f"network policy {policy.name} allows access from public networks "
                    "(AllowFromPublic: true)",
                    f"network policy {policy.name} อนุญาตให้เข้าถึงจากเครือข่ายสาธารณะ "
                    "(AllowFromPublic: true)",
                )
            if public is True:
                unknown.append(
                    _t(
                        f"whether network policy {policy.name} (public) covers the "
                        "collection is not known",
                        f"ไม่ทราบว่า network policy {policy.name} (สาธารณะ) ครอบคลุม "
                        "collection นี้หรือไม่",
                    )
                )
            elif not isinstance(public, bool):
                unknown.append(
                    _t(
                        f"AllowFromPublic of network policy {policy.name} is not known",
                        f"ไม่ทราบค่า AllowFromPublic ของ network policy {policy.name}",
                    )
                )
            else:  # private access only, whether it covers the collection or may
                (private if hit is True else maybe).append(policy.name)
    if unknown:
        return None, _t(
            "; ".join(u.en for u in unknown), "; ".join(u.th for u in unknown)
        )
    if private:
        names = ", ".join(dict.fromkeys(private))
        return False, _t(
            f"network policy {names} allows private access only (VPC endpoints or services)",
            f"network policy {names} อนุญาตเฉพาะการเข้าถึงแบบส่วนตัว (VPC endpoint หรือบริการ)",
        )
    if maybe:
        names = ", ".join(dict.fromkeys(maybe))
        return False, _t(
            "no network policy of the scan that allows public access can cover the collection "
            f"(network policy {names}, which may, allows private access only)",
            "ไม่มี network policy ในสิ่งที่สแกนที่อนุญาตการเข้าถึงสาธารณะครอบคลุม collection นี้ได้ "
            f"(network policy {names} ซึ่งอาจครอบคลุม อนุญาตเฉพาะการเข้าถึงแบบส่วนตัว)",
        )
    return False, _t(
        "no network policy of the scan covers the collection: it is reachable from no network "
        "(a collection is not accessible without one)",
        "ไม่มี network policy ในสิ่งที่สแกนครอบคลุม collection นี้ จึงเข้าถึงไม่ได้จากเครือข่ายใด "
        "(collection เข้าถึงไม่ได้หากไม่มี network policy)",
    )


def _encryption(name: Any, policies: Iterable[Policy]) -> tuple[bool | None, Text]:
    """Whether the matching encryption policy names a customer managed key, and why."""
    found: set[bool] = set()
    names: list[str] = []
    for policy in policies:
        document = policy.document
        hit = _covers(document, ("collection",), name) if isinstance(document, dict) else None
        if hit is None:
            return None, _t(
                f"encryption policy {policy.name} cannot be read or its patterns are not known",
                f"อ่าน encryption policy {policy.name} ไม่ได้ หรือไม่ทราบรูปแบบชื่อที่ครอบคลุม",
            )
        if not hit:
            continue
        assert isinstance(document, dict)
        kms = document.get("KmsARN")
        owned = document.get("AWSOwnedKey")
        if isinstance(kms, str) and kms and owned is not True:
            found.add(True)
        elif owned is True:
            found.add(False)
        else:
            return None, _t(
                f"the key of encryption policy {policy.name} is not known",
                f"ไม่ทราบกุญแจของ encryption policy {policy.name}",
            )
        names.append(policy.name)
    listed = ", ".join(names)
    if len(found) == 1:
        if found.pop():
            return True, _t(
                f"encryption policy {listed} encrypts it with a customer managed key (KmsARN)",
                f"encryption policy {listed} เข้ารหัสด้วยกุญแจที่ลูกค้าจัดการเอง (KmsARN)",
            )
        return False, _t(
            f"encryption policy {listed} encrypts it with an AWS owned key (AWSOwnedKey: true)",
            f"encryption policy {listed} เข้ารหัสด้วยกุญแจของ AWS (AWSOwnedKey: true)",
        )
    if found:
        return None, _t(
            f"encryption policies {listed} name different keys",
            f"encryption policy {listed} ระบุกุญแจต่างกัน",
        )
    return None, _t(
        "no encryption policy of the scan covers the collection; a collection cannot be "
        "created without one, so it is defined outside the scan",
        "ไม่มี encryption policy ในสิ่งที่สแกนครอบคลุม collection นี้ ซึ่ง collection "
        "สร้างไม่ได้หากไม่มี จึงถูกกำหนดไว้นอกสิ่งที่สแกน",
    )


def _everyone(principals: Any) -> bool | None:
    values = principals if isinstance(principals, list) else [principals]
    if any(value == "*" for value in values):
        return True
    return False if all(isinstance(value, str) for value in values) else None


def _data_grants(name: Any, policies: Iterable[Policy]) -> tuple[bool | None, tuple[str, ...]]:
    """Whether a data access policy grants the collection or its indexes to everyone."""
    named: list[str] = []
    unknown = False
    for policy in policies:
        sets = None if policy.document is None else _rule_sets(policy.document)
        if sets is None:
            unknown = True
            continue
        for rule_set in sets:
            hit = _covers(rule_set, ("collection", "index"), name)
            everyone = _everyone(rule_set.get("Principal"))
            if hit is False or everyone is False:
                continue
            if hit and everyone:
                named.append(f"data access policy {policy.name} grants the collection to everyone")
            else:
                unknown = True
    if named:
        return True, tuple(named)
    return (None if unknown else False), ()


def judge(
    name: Any,
    policies: Iterable[Policy],
    own_key: bool | None = None,
) -> CollectionFacts:
    """The facets the policies give collection ``name`` (``own_key``: the collection's own
    encryption configuration, which wins over policies when written)."""
    listed = list(policies)
    facts = CollectionFacts()
    public, why = _network(name, [p for p in listed if p.kind == "network"])
    facts.public_endpoint = public
    (facts.because if public is not None else facts.unknown)["public_endpoint"] = why
    if own_key is not None:
        facts.customer_managed_key = own_key
    else:
        key, why = _encryption(name, [p for p in listed if p.kind == "encryption"])
        facts.customer_managed_key = key
        (facts.because if key is not None else facts.unknown)["customer_managed_key"] = why
    grants, named = _data_grants(name, [p for p in listed if p.kind == "data"])
    if public is False or grants is False:
        facts.public_access = False
        facts.public_grants = ()
    elif public is True and grants is True:
        facts.public_access = True
        facts.public_grants = named
    return facts
