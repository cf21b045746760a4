"""Secrets written for a module's inputs that reach no resource.

A secret is reported where it is used: a resource's finding names the variable default or
``.tfvars`` line its value is set at. A literal secret that no resource, data source,
provider or module call reads had no finding at all, though it is a credential committed to
the repository all the same (CIS; ISO/IEC 27001 A.8.12, NIST SP 800-53 IA-5(7): "no
embedded unencrypted static authenticators"; gitleaks reports it): an unused variable's
``default``, a variable read by outputs only, a root variable's default that a ``.tfvars``
value replaces, and a ``.tfvars`` line Terraform does not apply (a file it does not load by
itself, ``prod.tfvars``; a name no variable declares; a value a later file replaces) or
whose variable reaches no resource. Each is kept as a resource of mode ``"input"``
(``var.NAME``, at its line) holding ``{NAME: value}``, judged by GDCC-SECRET-001 only.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from gdcc_audit.load.terraform.ast import Attr, Block, Body, Lit, Traversal, Var, field_values
from gdcc_audit.load.terraform.config import ModuleDef
from gdcc_audit.secrets.detect import detect_secrets
from gdcc_audit.secrets.pointer import SecretBearing

#: The mode of such a resource (``TfResource.mode``).
INPUT_MODE = "input"
#: Its type, as listed.
INPUT_TYPE = "terraform_variable"

#: The ``.tfvars`` files Terraform loads by itself ("Variable Definitions (.tfvars) Files",
#: developer.hashicorp.com/terraform/language/values/variables): ``terraform.tfvars``,
#: ``terraform.tfvars.json`` and any ``*.auto.tfvars`` / ``*.auto.tfvars.json``.
_LOADED_NAMES = ("terraform.tfvars", "terraform.tfvars.json")
_LOADED_SUFFIXES = (".auto.tfvars", ".auto.tfvars.json")
#: A variable definitions file's name ends so.
TFVARS_SUFFIXES = (".tfvars", ".tfvars.json")


def loaded_by_default(path: str) -> bool:
    """Whether Terraform reads the ``.tfvars`` file ``path`` of its folder's root without
    ``-var-file``."""
    name = os.path.basename(path)
    return name in _LOADED_NAMES or name.endswith(_LOADED_SUFFIXES)


def _names(node: Any, inputs: set[str], locals_: set[str]) -> None:
    """Add the ``var.X`` and ``local.X`` names ``node`` reads (anywhere in it)."""
    stack = [node]
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind is Traversal:
            base = item.base
            if type(base) is Var and item.ops and type(item.ops[0]) is Attr:
                if base.name == "var":
                    inputs.add(item.ops[0].name)
                elif base.name == "local":
                    locals_.add(item.ops[0].name)
            stack.append(base)
            stack.extend(op for op in item.ops if type(op) is not Attr)
        elif kind is Lit or kind is str or item is None:
            continue
        elif kind is Body:
            stack.extend(a.expr for a in item.attributes.values())
            stack.extend(item.blocks)
        elif kind is Block:
            stack.append(item.body)
        elif isinstance(item, tuple | list):
            stack.extend(item)
        else:
            stack.extend(field_values(item))


def inputs_read(definition: ModuleDef, outputs_count: bool) -> frozenset[str]:
    """The variables of ``definition`` that its resources, data sources, provider blocks and
    module calls read, straight or through locals; its outputs too when ``outputs_count``
    (a called module's outputs are its caller's values: they may reach a resource there)."""
    inputs: set[str] = set()
    wanted: set[str] = set()
    blocks: Iterable[Block] = [
        *definition.resources, *definition.duplicates, *definition.providers,
        *definition.calls.values(), *(definition.outputs.values() if outputs_count else ()),
    ]
    for block in blocks:
        _names(block, inputs, wanted)
    seen: set[str] = set()
    while wanted - seen:
        name = (wanted - seen).pop()
        seen.add(name)
        attribute = definition.locals.get(name)
        if attribute is not None:
            _names(attribute.expr, inputs, wanted)
    return frozenset(inputs)


def passed_inputs(call: Block, definition: ModuleDef) -> frozenset[str]:
    """The variables of ``definition`` that the ``module`` block ``call`` gives a value: each
    argument named as one of them, but ``null`` given to a variable declared ``nullable =
    false``, which then takes its default ("Input Variables", developer.hashicorp.com/
    terraform/language/values/variables: "If nullable is false ... Terraform uses the
    default value when a module input argument is null")."""
    found = set()
    for name, attribute in call.body.attributes.items():
        block = definition.variables.get(name)
        if block is not None and not takes_default(attribute, block):
            found.add(name)
    return frozenset(found)


def takes_default(argument: Any, block: Block) -> bool:
    """Whether a module call's ``argument`` for the variable ``block`` declares leaves the
    variable at its default: ``null`` given to a variable declared ``nullable = false``."""
    if type(argument.expr) is not Lit or argument.expr.value is not None:
        return False
    flag = block.body.attributes.get("nullable")
    return flag is not None and getattr(flag.expr, "value", None) is False


def writes_text(expr: Any) -> bool:
    """Whether a default's expression writes any text (a string literal, or text in a
    template): one that writes none (``null``, numbers, booleans, ``[]``, ``{}``) holds no
    secret, and is not evaluated for one."""
    stack = [expr]
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind is Lit:
            if isinstance(item.value, str) and item.value.strip():
                return True
        elif kind is str:
            if item.strip():
                return True
        elif item is None or isinstance(item, bool | int | float):
            continue
        elif isinstance(item, tuple | list):
            stack.extend(item)
        else:
            stack.extend(field_values(item))
    return False


def held_value(name: str, value: Any, block: Block | None) -> Any:
    """``value`` as kept for the variable ``name`` (declared by ``block``, if any) when it
    holds a secret, else None. A variable declared ``sensitive = true`` holds a secret
    whatever it is called (its value is judged as a password's is: an empty text or a
    reference is none); a text given to it is kept as a :class:`SecretBearing` so that
    GDCC-SECRET-001 reads it so."""
    flag = block.body.attributes.get("sensitive") if block is not None else None
    sensitive = flag is not None and getattr(flag.expr, "value", None) is True
    found = detect_secrets({name: value}, sensitive=frozenset({name}) if sensitive else frozenset())
    if not found:
        return None
    if sensitive and isinstance(value, str):
        return SecretBearing(value)
    return value
