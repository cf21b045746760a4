"""Loader for Terraform plan and state JSON (``terraform show -json``).

Values there are resolved by Terraform itself; what the plan marks ``after_unknown`` (known
only after apply) becomes UNKNOWN. References come from the plan's ``configuration`` section.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from gdcc_audit.errors import InputError
from gdcc_audit.load.interface import Claim, Document, Loader, ParsedFile
from gdcc_audit.load.terraform_model import FORMAT, UNKNOWN, TfDocument, TfReference, TfResource
from gdcc_audit.load.tfplan_instances import designate, instance_templates
from gdcc_audit.load.tfplan_pointers import configured_reads, mark_pointers, module_index
from gdcc_audit.load.yamltree import LocatedDocument, escape
from gdcc_audit.secrets.detect import detect_secrets

if TYPE_CHECKING:
    from gdcc_audit.settings import Settings

_RESOURCE_REF = re.compile(r"^((?:data\.)?[A-Za-z][\w-]*\.[\w-]+(?:\[[^\]]*\])?)")
_MODULE_REF = re.compile(r"^(module\.[\w-]+(?:\[[^\]]*\])?)")
_NOT_RESOURCES = ("var.", "local.", "each.", "count.", "path.", "terraform.", "self.")


def is_plan(data: Any) -> bool:
    """Whether parsed JSON is a Terraform plan or state in ``terraform show -json`` form."""
    if not isinstance(data, dict):
        return False
    if isinstance(data.get("planned_values"), dict) or isinstance(
        data.get("resource_changes"), list
    ):
        return True
    values = data.get("values")
    return "format_version" in data and isinstance(values, dict) and "root_module" in values


def reference_target(text: str, prefix: str) -> str | None:
    """``aws_vpc.main.id`` → ``aws_vpc.main`` (with the module prefix); None for var/local."""
    if text.startswith(_NOT_RESOURCES):
        return None
    match = _MODULE_REF.match(text) or _RESOURCE_REF.match(text)
    return prefix + match.group(1) if match else None


def _expression_refs(expr: Any, path: str, prefix: str, out: dict[str, set[str]]) -> None:
    if isinstance(expr, list):
        for index, item in enumerate(expr):
            _expression_refs(item, f"{path}.{index}" if path else str(index), prefix, out)
        return
    if not isinstance(expr, dict):
        return
    refs = expr.get("references")
    if isinstance(refs, list) and path:
        for text in refs:
            target = reference_target(str(text), prefix)
            if target is not None:
                out.setdefault(path, set()).add(target)
        return
    for key, value in expr.items():
        if key in ("constant_value",):
            continue
        _expression_refs(value, f"{path}.{key}" if path else key, prefix, out)


def configuration_index(module: Any, prefix: str = "") -> dict[str, tuple[list[TfReference], str]]:
    """Config address (no instance keys) → (references, provider config key)."""
    index: dict[str, tuple[list[TfReference], str]] = {}
    if not isinstance(module, dict):
        return index
    for resource in module.get("resources") or []:
        if not isinstance(resource, dict) or "address" not in resource:
            continue
        found: dict[str, set[str]] = {}
        _expression_refs(resource.get("expressions") or {}, "", prefix, found)
        refs = [TfReference(t, attr) for attr, targets in found.items() for t in sorted(targets)]
        index[prefix + str(resource["address"])] = (
            refs,
            str(resource.get("provider_config_key", "")),
        )
    for name, call in (module.get("module_calls") or {}).items():
        if isinstance(call, dict):
            index.update(configuration_index(call.get("module"), f"{prefix}module.{name}."))
    return index


def _config_address(address: str) -> str:
    return re.sub(r"\[[^\]]*\]", "", address)


def _mark_unknown(values: Any, unknown: Any) -> Any:
    """Overlay ``after_unknown`` (a tree of ``true``) on the planned values."""
    if unknown is True:
        return UNKNOWN
    if isinstance(unknown, dict):
        base = dict(values) if isinstance(values, dict) else {}
        for key, flag in unknown.items():
            if flag is True or isinstance(flag, dict | list):
                merged = _mark_unknown(base.get(key), flag)
                if merged is not None or flag is True:
                    base[key] = merged
        return base if base or isinstance(values, dict) else values
    if isinstance(unknown, list) and isinstance(values, list):
        return [_mark_unknown(v, u) for v, u in zip(values, unknown, strict=False)] + values[
            len(unknown) :
        ]
    return values


class TerraformPlanLoader(Loader):
    """Reads ``terraform show -json`` output of a plan or a state."""

    name = "terraform-plan"

    def recognise(self, parsed: ParsedFile) -> bool:
        """A single JSON document with the plan or state top-level keys."""
        return len(parsed.documents) == 1 and is_plan(parsed.documents[0].data)

    def load(self, claims: Sequence[Claim], settings: Settings) -> Iterator[Document | InputError]:
        """One TfDocument per plan or state file."""
        for claim in claims:
            assert claim.parsed is not None  # plans are always claimed from parsed JSON
            path = str(claim.path)
            located = claim.parsed.documents[0]
            try:
                document = plan_document(path, located)
            except (TypeError, KeyError, AttributeError, ValueError) as exc:
                yield InputError(path, f"malformed Terraform plan/state JSON: {exc}")
                continue
            yield from check_plan(path, located)
            yield Document(path, FORMAT, document, claim.parsed.sha256, located)


def check_plan(path: str, located: LocatedDocument) -> Iterator[InputError]:
    """Parts of a plan or state of the wrong shape (a ``resources`` that is not a list, an
    entry that is not an object ...): each is skipped by :func:`plan_document` and reported
    here with its line, so a plan is never silently taken as empty."""
    data = located.data

    def wrong(pointer: str, expected: str, value: Any) -> InputError:
        field = pointer.strip("/").replace("/", ".")
        return InputError(
            path,
            f"{field} should be {expected}, not {_json_type(value)}: not assessed",
            located.line_of(pointer),
            field=field,
        )

    def module(value: Any, pointer: str) -> Iterator[InputError]:
        if not isinstance(value, dict):
            yield wrong(pointer, "an object", value)
            return
        for key in ("resources", "child_modules"):
            items = value.get(key)
            if items is None:
                continue
            if not isinstance(items, list):
                yield wrong(f"{pointer}/{key}", "a list", items)
                continue
            for index, item in enumerate(items):
                if key == "child_modules":
                    yield from module(item, f"{pointer}/{key}/{index}")
                elif not isinstance(item, dict):
                    yield wrong(f"{pointer}/{key}/{index}", "an object", item)
                elif item.get("values") is not None and not isinstance(item["values"], dict):
                    yield wrong(f"{pointer}/{key}/{index}/values", "an object", item["values"])

    for section in ("planned_values", "values"):
        part = data.get(section)
        if part is None:
            continue
        if not isinstance(part, dict):
            yield wrong(f"/{section}", "an object", part)
        elif part.get("root_module") is not None:
            yield from module(part["root_module"], f"/{section}/root_module")
    changes = data.get("resource_changes")
    if changes is not None and not isinstance(changes, list):
        yield wrong("/resource_changes", "a list", changes)


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    return "null" if value is None else "an object"


def plan_document(path: str, located: LocatedDocument) -> TfDocument:
    """The resources of a plan (planned values) or a state (values)."""
    data = located.data
    is_state = "planned_values" not in data and "resource_changes" not in data
    section = "values" if is_state else "planned_values"
    configuration = data.get("configuration") or {}
    config = configuration_index(configuration.get("root_module"))
    changes: dict[str, dict[str, Any]] = {}
    changes_list = data.get("resource_changes")
    for change in changes_list if isinstance(changes_list, list) else []:
        if isinstance(change, dict) and isinstance(change.get("change"), dict):
            changes[str(change.get("address"))] = change["change"]
    document = TfDocument(path, source="state" if is_state else "plan")
    for key, provider in (configuration.get("provider_config") or {}).items():
        expressions = provider.get("expressions") or {} if isinstance(provider, dict) else {}
        document.providers[str(key)] = {
            name: expr.get("constant_value", UNKNOWN) if isinstance(expr, dict) else UNKNOWN
            for name, expr in expressions.items()
        }
        if detect_secrets(document.providers[str(key)]):
            # a credential written in the provider block (``access_key = "AKIA..."``, shown
            # as its ``constant_value``): a resource of mode "provider", as the HCL loader
            # keeps each block, so that GDCC-SECRET-001 finds it (it had no finding)
            span = located.span_of(f"/configuration/provider_config/{escape(str(key))}")
            document.resources.append(TfResource(
                address=f"provider.{key}", type="provider", name=str(key),
                values=dict(document.providers[str(key)]), file=path,
                start_line=span[0] if span else None, end_line=span[1] if span else None,
                mode="provider", provider=str(provider.get("name") or key).split(".")[0]
                if isinstance(provider, dict) else str(key), provider_config=str(key),
            ))
    seen: set[str] = set()
    part = data.get(section)
    root = part.get("root_module") if isinstance(part, dict) else None
    for pointer, resource in _walk(root, f"/{section}/root_module"):
        address = str(resource.get("address", ""))
        seen.add(address)
        change = changes.get(address, {})
        values = resource.get("values") or {}
        if not isinstance(values, dict):
            continue  # reported by check_plan
        if "after_unknown" in change:
            values = _mark_unknown(values, change["after_unknown"])
        marks = resource.get("sensitive_values", change.get("after_sensitive"))
        document.resources.append(
            _resource(path, located, pointer, resource, values, config, marked_secrets(marks),
                      _actions(change))
        )
    for address, change in changes.items():
        if address in seen or change.get("after") is None:
            continue  # deleted, or already listed from planned_values
        values = _mark_unknown(change["after"], change.get("after_unknown"))
        entry = {"address": address, "values": values}
        entry.update(_split_address(address))
        secrets = marked_secrets(change.get("after_sensitive"))
        document.resources.append(
            _resource(path, located, "", entry, values, config, secrets, _actions(change))
        )
    root = configuration.get("root_module")
    mark_pointers(document.resources, configured_reads(root), _config_address,
                  module_index(root))
    templates = instance_templates(configuration.get("root_module"), reference_target)
    designate(document.resources, templates, _config_address)
    return document


#: User data attributes that no provider schema marks sensitive (AWS, Google): marked in a
#: plan, they take a value Terraform marks (a sensitive variable or attribute). Azure's
#: ``custom_data`` is left out: the azurerm schema marks it sensitive whatever it holds.
PLAN_MARKED_USER_DATA = ("user_data", "user_data_base64", "metadata_startup_script", "metadata")


def _marked(value: Any) -> bool:
    if value is True:
        return True
    if isinstance(value, dict):
        return any(_marked(item) for item in value.values())
    if isinstance(value, list):
        return any(_marked(item) for item in value)
    return False


def marked_secrets(marks: Any) -> dict[str, tuple[str, ...]]:
    """``TfResource.secrets`` from a plan's ``sensitive_values`` / ``after_sensitive`` (a tree
    of ``true`` where Terraform marks a value sensitive): the user data attributes marked."""
    if not isinstance(marks, dict):
        return {}
    return {
        name: ("marked sensitive in the plan",)
        for name in PLAN_MARKED_USER_DATA
        if _marked(marks.get(name))
    }


def _split_address(address: str) -> dict[str, Any]:
    parts = re.sub(r"\[[^\]]*\]", "", address).split(".")
    mode = "managed"
    while parts and parts[0] == "module":
        parts = parts[2:]
    if parts and parts[0] == "data":
        mode, parts = "data", parts[1:]
    return {
        "mode": mode,
        "type": parts[0] if parts else "",
        "name": parts[1] if len(parts) > 1 else "",
    }


def _walk(module: Any, pointer: str) -> Iterator[tuple[str, dict[str, Any]]]:
    if not isinstance(module, dict):
        return
    resources, children = module.get("resources"), module.get("child_modules")
    for index, resource in enumerate(resources if isinstance(resources, list) else []):
        if isinstance(resource, dict):
            yield f"{pointer}/resources/{index}", resource
    for index, child in enumerate(children if isinstance(children, list) else []):
        yield from _walk(child, f"{pointer}/child_modules/{index}")


def _actions(change: dict[str, Any]) -> tuple[str, ...]:
    """A resource change's ``actions`` (``["create"]``, ``["delete", "create"]``...)."""
    actions = change.get("actions")
    if not isinstance(actions, list):
        return ()
    return tuple(a for a in actions if isinstance(a, str))


def _resource(
    path: str,
    located: LocatedDocument,
    pointer: str,
    resource: dict[str, Any],
    values: Any,
    config: dict[str, tuple[list[TfReference], str]],
    secrets: dict[str, tuple[str, ...]] | None = None,
    actions: tuple[str, ...] = (),
) -> TfResource:
    address = str(resource["address"])
    refs, provider_key = config.get(_config_address(address), ([], ""))
    span = located.span_of(pointer) if pointer else None
    module = address.rsplit(".", 2)[0] if address.startswith("module.") else ""
    if module.endswith(".data"):
        module = module[: -len(".data")]
    return TfResource(
        address=address,
        type=str(resource.get("type", "")),
        name=str(resource.get("name", "")),
        values=values if isinstance(values, dict) else {},
        file=path,
        start_line=span[0] if span else None,
        end_line=span[1] if span else None,
        mode=str(resource.get("mode", "managed")),
        module=module,
        references=list(refs),
        index=resource.get("index"),
        provider_config=provider_key,
        secrets=secrets or {},
        actions=actions,
    )
