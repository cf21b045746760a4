"""Resources a template macro rewrites (``Transform: <macro>``, a name CloudFormation does
not provide). A template with a macro is judged as written; but a resource carrying
properties its type does not have (``Permissions:`` on an ``AWS::IAM::Role`` of awslabs'
ExecutionRoleBuilder example) is what the macro reads and replaces: CloudFormation would
refuse it as written, so what is deployed is not what is written. Its facets are not known
(every one: what the macro makes of those properties is not in the template).

The property names of each type mapped here: ``type_properties.json`` (the CloudFormation
resource specification; ``scripts/build_cfn_properties.py``). SAM types (defined by the SAM
transform) and types not in it are not checked.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from gdcc_audit.load.cloudformation import AWS_TRANSFORMS
from gdcc_audit.models.common import Text

#: Facets a macro does not make unknown: the secrets written (written in the template all the
#: same), the region and the classification the tags give.
KEPT = frozenset(
    {"hardcoded_secrets", "region", "data_classification", "personal_data", "security_category"}
)


@cache
def _properties() -> dict[str, frozenset[str]]:
    text = resources.files(__package__).joinpath("type_properties.json").read_text("utf-8")
    return {kind: frozenset(names) for kind, names in json.loads(text).items()}


def macros(template: Mapping[str, Any]) -> list[str]:
    """The template's ``Transform`` names CloudFormation does not provide (its macros)."""
    value = template.get("Transform")
    names = value if isinstance(value, list) else [value]
    return [n for n in names if isinstance(n, str) and n not in AWS_TRANSFORMS]


def foreign(template: Mapping[str, Any], provider_type: str, props: Mapping[str, Any]) -> list[str]:
    """The properties of a resource its type does not have, in a template with a macro
    (none without a macro, or for a type whose properties are not listed)."""
    if "Transform" not in template or not props:
        return []
    known = _properties().get(provider_type)
    if known is None or not macros(template):
        return []
    # an ``Fn::Transform`` written among the properties (an AWS::Include snippet) is read as
    # such (load/cloudformation.py), not as a property
    return sorted(
        name for name in props
        if isinstance(name, str) and name not in known and not name.startswith("Fn::")
    )


def rewritten(template: Mapping[str, Any], provider_type: str, names: list[str]) -> Text:
    """Why the facets of a resource with ``names`` (properties its type does not have) are
    not known."""
    macro = ", ".join(macros(template))
    listed = ", ".join(names)
    verb = "is not a property" if len(names) == 1 else "are not properties"
    return Text(
        en=(
            f"{listed} {verb} of {provider_type}: the template's macro ({macro}) "
            "rewrites this resource when it is deployed, and what it makes is not in the "
            "template"
        ),
        th=(
            f"{listed} ไม่ใช่ property ของ {provider_type}: macro ของ template ({macro}) "
            "เขียน resource นี้ใหม่เมื่อนำไปใช้ และสิ่งที่ได้ไม่อยู่ใน template"
        ),
    )
