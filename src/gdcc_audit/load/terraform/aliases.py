"""Provider configurations a root module names but does not declare.

A resource's ``provider = aws.west`` or a module call's ``providers = { aws = aws.west }``
names an aliased configuration. In a root module it must be a ``provider "aws"`` block with
``alias = "west"``: Terraform refuses the configuration otherwise ("Provider configuration not
present"). The Region of such a resource is then not known; it is not the default
configuration's (``normalize.terraform.common.provider_region``). A module scanned as its own
root may list the alias in ``required_providers`` ``configuration_aliases``: its caller passes
the configuration (https://developer.hashicorp.com/terraform/language/modules/develop/providers
#provider-aliases-within-modules); that is no mistake, and the Region is not known either.
When the module is called, though, the call must pass every aliased configuration the module
uses in its ``providers`` map (aliased configurations are never inherited): Terraform refuses
a call that does not ("Missing required provider configuration"). That is reported at the
module call's line (:func:`not_passed`); the Region stays not known. A legacy proxy block
(``provider "aws" { alias = "west" }`` in the module, not listed in ``configuration_aliases``)
the call does not pass is no error: Terraform keeps it as the module's own configuration,
empty, with a warning only ("Redundant empty provider block"; ``validateProviderConfigs``
errs only for a ``configuration_aliases`` entry neither configured nor passed). Its Region is
the environment's: not known.
"""

from __future__ import annotations

from collections.abc import Iterator

from gdcc_audit.errors import InputError
from gdcc_audit.load.terraform.ast import Attribute, Block, Expr, ObjectExpr, TupleExpr
from gdcc_audit.load.terraform.config import ModuleDef, provider_reference, reference_text


def configuration_aliases(definition: ModuleDef) -> set[str]:
    """``aws.west`` for every alias a ``required_providers`` entry lists in its
    ``configuration_aliases``."""
    found: set[str] = set()
    for settings in definition.settings:
        for block in settings.body.blocks:
            if block.type != "required_providers":
                continue
            for attribute in block.body.attributes.values():
                found.update(_listed(attribute.expr))
    return found


def _listed(entry: Expr) -> Iterator[str]:
    if not isinstance(entry, ObjectExpr):
        return
    for key, value in entry.items:
        if reference_text(key) == "configuration_aliases" and isinstance(value, TupleExpr):
            yield from (text for item in value.items if (text := reference_text(item)))


def _named(block: Block) -> Iterator[tuple[Attribute, str, str]]:
    """(attribute, what is written, configuration named or '') of each provider reference
    of a resource, data source or module call block."""
    if block.type in ("resource", "data"):
        attribute = block.body.attributes.get("provider")
        if attribute is not None:
            target = provider_reference(attribute.expr)
            yield attribute, "provider", target[0] if target else ""
    elif block.type == "module":
        attribute = block.body.attributes.get("providers")
        if attribute is not None and isinstance(attribute.expr, ObjectExpr):
            for key, value in attribute.expr.items:
                target = provider_reference(value)
                local = reference_text(key) or "?"
                yield attribute, f"providers.{local}", target[0] if target else ""


def undeclared(definition: ModuleDef, declared: set[str]) -> list[InputError]:
    """An error, with its line, for each reference of the root module ``definition`` to an
    aliased provider configuration that is neither ``declared`` (its ``provider`` blocks'
    keys) nor listed in its ``configuration_aliases``; and for a value that names no
    configuration (JSON syntax's ``"provider": "${aws.west}"``: Terraform wants the bare
    reference ``"aws.west"``)."""
    listed = configuration_aliases(definition)
    errors: list[InputError] = []
    for block in [*definition.resources, *definition.calls.values()]:
        for attribute, what, named in _named(block):
            # (a ``.tf.json`` block is placed at its JSON key; its arguments are not)
            line = block.start_line if block.file.endswith(".json") else attribute.start_line
            if not named:
                errors.append(InputError(
                    block.file,
                    f"{what}: not a reference to a provider configuration (Terraform refuses "
                    "it); the Region of what it configures is not known",
                    line,
                ))
            elif "." in named and named not in declared and named not in listed:
                name, _, alias = named.partition(".")
                errors.append(InputError(
                    block.file,
                    f"{what} = {named}: this configuration declares no provider \"{name}\" "
                    f"with alias = \"{alias}\" (Terraform refuses it); the Region of what it "
                    "configures is not known, not the default configuration's",
                    line,
                ))
    return errors


def not_passed(
    definition: ModuleDef, call: Block, own: set[str], proxies: set[str], address: str
) -> list[InputError]:
    """An error, at the line of ``call`` (the ``module`` block calling ``definition``), for
    each aliased configuration the module's resources and module calls name that the call's
    ``providers`` map does not pass and that is none of ``own`` (the module's own
    ``provider`` blocks' keys; ``proxies``: those that are empty or hold ``alias`` only,
    which do not count for an alias its ``configuration_aliases`` lists, as Terraform's
    validation counts only configured blocks for those). ``address``: the call's module
    address (``module.db``)."""
    passed = set()
    mapping = call.body.attributes.get("providers")
    if mapping is not None and isinstance(mapping.expr, ObjectExpr):
        passed = {reference_text(key) for key, _ in mapping.expr.items}
    listed = configuration_aliases(definition)
    own = own - (proxies & listed)
    used: dict[str, None] = {}
    for block in [*definition.resources, *definition.calls.values()]:
        for _, _, named in _named(block):
            if "." in named and named not in passed and named not in own:
                used[named] = None
    line = mapping.start_line if mapping is not None else call.start_line
    return [
        InputError(
            call.file,
            f"{address}: the module uses provider configuration {named}"
            + (" (its configuration_aliases)" if named in listed else "")
            + " and this call's providers map does not pass it (Terraform refuses it: an "
            "aliased configuration is never inherited); the Region of what it configures is "
            "not known",
            line,
        )
        for named in used
    ]
