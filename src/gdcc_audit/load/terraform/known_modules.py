"""Registry modules whose outputs are read without their files, when ``terraform init`` has
not downloaded them.

A module call that was not downloaded gives UNKNOWN outputs (``module.py``). One module is
different: Cloud Posse's null label (``cloudposse/label/null``, github.com/cloudposse/
terraform-null-label) makes no resource and decides, through its ``enabled`` output, whether
every resource of a Cloud Posse module exists (``count = module.this.enabled ? 1 : 0`` in
each of them, the label called from the module's ``context.tf``). Left UNKNOWN, every such
resource has an unknown count and every policy document with that count is not rendered.
Its ``enabled`` is plain: ``var.enabled == null ? var.context.enabled : var.enabled``
(its main.tf), where ``var.enabled`` defaults to null and ``var.context`` to an object
with ``enabled = true`` (its variables.tf; label versions before ``context`` existed had
``enabled`` default to true); its ``context`` and ``normalized_context`` outputs pass that
``enabled`` on to the labels the module calls next. Only these are read; the label's other
outputs (``id``, ``tags``, the other context fields) stay UNKNOWN.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN

#: ``cloudposse/label/null`` from the registry (with or without its host), or its GitHub
#: repository as a git source.
_LABEL = re.compile(
    r"^(?:registry\.terraform\.io/)?cloudposse/label/null(?://.*)?$"
    r"|^(?:git::)?(?:https://|ssh://git@|git@)?github\.com[/:]cloudposse/terraform-null-label"
    r"(?:\.git)?(?:\?.*)?$"
)
#: The fields of the label's ``context`` object (its ``output_context``).
_CONTEXT_FIELDS = (
    "namespace", "tenant", "environment", "stage", "name", "delimiter", "attributes", "tags",
    "additional_tag_map", "label_order", "regex_replace_chars", "id_length_limit",
    "label_key_case", "label_value_case", "labels_as_tags", "descriptor_formats",
)  # fmt: skip

#: An argument of the module call: its value, None when the call does not write it.
Argument = Callable[[str], Any]


def _label_enabled(argument: Argument) -> Any:
    """The label's ``enabled``: the call's ``enabled`` unless null, else its ``context``'s
    (the default context's is true); UNKNOWN when either cannot be known."""
    enabled = argument("enabled")
    if enabled is None:
        context = argument("context")
        if context is None:
            return True
        enabled = context.get("enabled", UNKNOWN) if isinstance(context, dict) else UNKNOWN
    return enabled if isinstance(enabled, bool) else UNKNOWN


def _label_outputs(argument: Argument) -> dict[str, Any]:
    enabled = _label_enabled(argument)
    context = {"enabled": enabled, **dict.fromkeys(_CONTEXT_FIELDS, UNKNOWN)}
    return {"enabled": enabled, "context": context, "normalized_context": dict(context)}


def modelled(source: str | None) -> Callable[[Argument], dict[str, Any]] | None:
    """What gives the outputs of a module of ``source`` that was not downloaded, from the
    arguments of its call (outputs not in the result are UNKNOWN); None for a module whose
    outputs are not modelled."""
    if source is not None and _LABEL.match(source.strip()):
        return _label_outputs
    return None


#: Registry modules that declare nothing a rule reads: no managed resource of a cloud, only
#: names, data sources and helpers that hold no cloud state (``random_*``; ``modtm_telemetry``,
#: the Azure Verified Modules' usage telemetry). Every published version was read
#: (github.com/<namespace>/terraform-<provider>-<name>, each tag's *.tf outside examples and
#: tests): a call of one that was not downloaded hides no resource, so a root calling it is
#: whole for what may be declared elsewhere (a flow log, a diagnostic setting, a firewall
#: rule); its outputs stay UNKNOWN.
_RESOURCELESS = {
    # random_string only (0.1.0 to 0.4.3): CAF names for each resource type
    "azure/naming/azurerm",
    # data sources only (v0.1.0 to v0.8.2): Azure regions and their zones
    "azure/regions/azurerm",
    # data sources, random_uuid and modtm_telemetry (v0.1.0 to v0.12.0): regions
    "azure/avm-utl-regions/azurerm",
    # data sources, random_uuid and modtm_telemetry (v0.1.0 to v0.7.0): the AzAPI bodies of
    # the AVM interfaces (role assignments, locks, diagnostic settings, private endpoints),
    # which the calling module declares itself (its resources are in the scan)
    "azure/avm-utl-interfaces/azure",
    # locals and outputs only: the Cloud Posse label (see the module's docstring)
    "cloudposse/label/null",
}
_REGISTRY_HOST = re.compile(r"^(?:registry\.terraform\.io|registry\.opentofu\.org)/", re.I)


def resourceless(source: str | None) -> bool:
    """Whether a module of ``source`` (a registry address) declares no resource a rule reads
    (``_RESOURCELESS``); False for any other source (a git URL, a submodule ``//x``)."""
    if source is None:
        return False
    if _LABEL.match(source.strip()):
        return True
    address = _REGISTRY_HOST.sub("", source.strip()).lower()
    return address in _RESOURCELESS
