"""The reviewed checkov tables in ``rules/checkov/``: which checkov checks gdcc-audit bridges,
with which severity, titles and controls.

Two kinds of file:

- ``mapping.yaml``: checkov check -> the native gdcc rule that tests the same property. A
  bridged finding of such a check takes the native rule's severity and controls, and where the
  native rule judged the same resource, the native finding is kept (checkov corroborates it).
- ``bridge-*.yaml``: checks no native rule covers, in groups that share resource kinds,
  controls and a default severity; each check has an English and a Thai title, written
  ``{id, en, th[, severity, kinds, controls]}`` or, short, ``[id, en, th(, severity)]``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from gdcc_audit.errors import ConfigError
from gdcc_audit.models.common import Severity, Text
from gdcc_audit.models.rule import CheckType, RuleMeta

PACK = "checkov-bridge"
MAPPING_FILE = "mapping.yaml"
BRIDGE_GLOB = "bridge-*.yaml"

_RATIONALE = Text(
    en="checkov check {id} ({name}), run by the gdcc-audit checkov bridge. checkov gives no "
    "severity or control mapping offline; gdcc-audit's reviewed table in rules/checkov/ gives "
    "this one its severity and the controls it evidences.",
    th="การตรวจ {id} ของ checkov ({name}) ที่ gdcc-audit เรียกใช้ผ่านตัวเชื่อม checkov "
    "เมื่อทำงานแบบออฟไลน์ checkov ไม่ให้ระดับความรุนแรงหรือการเทียบมาตรการ "
    "ระดับความรุนแรงและมาตรการที่การตรวจนี้เป็นหลักฐานมาจากตารางที่ gdcc-audit ทบทวนแล้วใน rules/checkov/",
)
_REMEDIATION = Text(
    en="Change the configuration so that the title holds ({id}); checkov's documentation of "
    "{id} shows a compliant example.",
    th="แก้ไขการตั้งค่าให้เป็นไปตามหัวข้อของการตรวจนี้ ({id}) "
    "ดูตัวอย่างการตั้งค่าที่ถูกต้องได้ในเอกสารของ checkov สำหรับ {id}",
)


@dataclass(frozen=True)
class BridgedCheck:
    """One checkov check gdcc-audit knows: the rule metadata its findings carry, and the native
    rule (with its evidence key) that tests the same property, when there is one."""

    meta: RuleMeta
    native_rule: str | None = None
    evidence_key: str | None = None
    #: Parameters of the native rule under which the two test the same property (checkov's
    #: 365-day log retention, port 80): another value in force means another property.
    parameters: Mapping[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """The checkov check id."""
        return self.meta.id


class CheckovTable:
    """Every bridged check by checkov id. Rule metadata is built when a check is first looked
    up (a run meets a few dozen of the 500+ checks; building them all costs half a second)."""

    def __init__(
        self,
        factories: Mapping[str, Callable[[], BridgedCheck]],
        keep: Callable[[RuleMeta], bool] | None = None,
        cache: dict[str, BridgedCheck] | None = None,
    ) -> None:
        self._factories = factories
        self._keep = keep
        self._cache = cache if cache is not None else {}
        #: ``keep``'s answer per check id (checkov reports a check once per resource).
        self._kept: dict[str, bool] = {}

    def get(self, check_id: str) -> BridgedCheck | None:
        """The bridged check, or None when no reviewed table has it (an unmapped check) or the
        run's rule selection leaves it out."""
        found = self._cache.get(check_id)
        if found is None:
            factory = self._factories.get(check_id)
            if factory is None:
                return None
            found = self._cache[check_id] = factory()
        if self._keep is not None:
            kept = self._kept.get(check_id)
            if kept is None:
                kept = self._kept[check_id] = self._keep(found.meta)
            if not kept:
                return None
        return found

    def filtered(self, keep: Callable[[RuleMeta], bool]) -> CheckovTable:
        """The same table, keeping only the checks ``keep`` accepts."""
        return CheckovTable(self._factories, keep, self._cache)

    def is_known(self, check_id: str) -> bool:
        """Whether a reviewed table names the check (whatever the selection)."""
        return check_id in self._factories

    @property
    def checks(self) -> dict[str, BridgedCheck]:
        """Every check the selection keeps (builds them all)."""
        out = {}
        for check_id in self._factories:
            found = self.get(check_id)
            if found is not None:
                out[check_id] = found
        return out

    def __len__(self) -> int:
        return len(self._factories)


#: checkov numbers two checks of Kubernetes workloads the other way round in its Terraform
#: framework: ``checkov/terraform/checks/resource/kubernetes/MemoryLimits.py`` is CKV_K8S_12
#: and ``MemoryRequests.py`` CKV_K8S_13, while its manifest checks
#: (``kubernetes/checks/resource/k8s/``) make CKV_K8S_12 the requests and CKV_K8S_13 the
#: limits. The tables name each check by what the manifest check tests.
_FRAMEWORK_IDS: dict[tuple[str, str], str] = {
    ("terraform", "CKV_K8S_12"): "CKV_K8S_13",
    ("terraform", "CKV_K8S_13"): "CKV_K8S_12",
}


def table_check_id(framework: str, check_id: str) -> str:
    """The id the tables know a checkov check of ``framework`` by: its own, except where
    checkov gives one property two ids in two frameworks (``_FRAMEWORK_IDS``)."""
    return _FRAMEWORK_IDS.get((framework, check_id), check_id)


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read the checkov table: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: a checkov table is a mapping")
    return data


def _text(value: Any, where: str) -> Text:
    try:
        return Text.model_validate(value)
    except ValidationError as exc:
        raise ConfigError(f"{where}: needs 'en' and 'th' text ({exc.errors()[0]['msg']})") from exc


def bridge_factories(path: Path) -> list[tuple[str, Callable[[], RuleMeta]]]:
    """The checks of one ``bridge-*.yaml`` file: id and a builder of its rule metadata. The
    file's shape (groups, ids, titles) is checked here; each check's metadata when built."""
    data = _read(path)
    out: list[tuple[str, Callable[[], RuleMeta]]] = []
    for g_index, group in enumerate(data.get("groups") or []):
        where = f"{path.name}: groups[{g_index}]"
        if not isinstance(group, dict):
            raise ConfigError(f"{where}: a group is a mapping")
        for c_index, item in enumerate(group.get("checks") or []):
            at = f"{where}.checks[{c_index}]"
            check = item
            if isinstance(item, list) and len(item) in (3, 4):
                # Short form: [id, English title, Thai title] or [..., severity].
                check = dict(zip(("id", "en", "th", "severity"), item, strict=False))
            if not isinstance(check, dict) or "id" not in check:
                raise ConfigError(f"{at}: a check needs an id")
            out.append((str(check["id"]), partial(_meta, path, data, group, check, at, where)))
    return out


def _meta(
    path: Path,
    data: dict[str, Any],
    group: dict[str, Any],
    check: dict[str, Any],
    at: str,
    where: str,
) -> RuleMeta:
    check_id = str(check["id"])
    title = _text({"en": check.get("en"), "th": check.get("th")}, f"{at} ({check_id})")
    name = check.get("checkov_name") or title.en
    rationale = group.get("rationale")
    extra = _text(rationale, f"{where}.rationale") if rationale else None
    why = Text(
        en=_RATIONALE.en.format(id=check_id, name=name),
        th=_RATIONALE.th.format(id=check_id, name=name),
    )
    if extra is not None:
        why = Text(en=f"{extra.en} {why.en}", th=f"{extra.th} {why.th}")
    try:
        return RuleMeta(
            id=check_id,
            title=title,
            rationale=why,
            remediation=Text(
                en=_REMEDIATION.en.format(id=check_id),
                th=_REMEDIATION.th.format(id=check_id),
            ),
            severity=Severity(str(check.get("severity") or group.get("severity"))),
            kinds=tuple(check.get("kinds") or group.get("kinds") or ()),
            tags=("checkov", str(data.get("provider", "")), str(group.get("name", ""))),
            controls=tuple(check.get("controls") or group.get("controls") or ()),
            check_type=CheckType.IAC,
            pack=PACK,
            pack_version=str(data.get("version", "")) or None,
            source=f"rules/checkov/{path.name}",
        )
    except (ValidationError, ValueError) as exc:
        raise ConfigError(f"{at} ({check_id}): {exc}") from exc


def bridge_entries(path: Path) -> list[RuleMeta]:
    """The checks of one ``bridge-*.yaml`` file as rule metadata (all built)."""
    return [build() for _, build in bridge_factories(path)]


def mapping_entries(path: Path) -> list[dict[str, Any]]:
    """The entries of ``mapping.yaml`` (checkov check -> native gdcc rule)."""
    entries = _read(path).get("mappings") or []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not entry.get("checkov_id") or not entry.get("gdcc_rule"):
            raise ConfigError(f"{path.name}: mappings[{index}] needs checkov_id and gdcc_rule")
    return list(entries)


def load_table(folder: Path, native: Mapping[str, RuleMeta]) -> CheckovTable:
    """Read every table in ``folder``. A check in ``mapping.yaml`` takes the severity and
    controls of its native rule (and the bridge table's title when it has one)."""
    bridged: dict[str, Callable[[], RuleMeta]] = {}
    sources: dict[str, str] = {}
    for path in sorted(folder.glob(BRIDGE_GLOB)):
        for check_id, build in bridge_factories(path):
            if check_id in bridged:
                raise ConfigError(
                    f"{path.name}: checkov check {check_id} is listed twice "
                    f"(also in {sources[check_id]})"
                )
            bridged[check_id] = build
            sources[check_id] = path.name
    factories: dict[str, Callable[[], BridgedCheck]] = {
        check_id: partial(_bridged, build) for check_id, build in bridged.items()
    }
    mapping = folder / MAPPING_FILE
    mapped: set[str] = set()
    if mapping.is_file():
        for entry in mapping_entries(mapping):
            check_id = str(entry["checkov_id"])
            rule = native.get(str(entry["gdcc_rule"]))
            if rule is None or check_id in mapped:
                # The native rule is not installed (a pack left out): bridged as the table
                # says. One check, two native rules: the first entry is the primary one.
                continue
            mapped.add(check_id)
            factories[check_id] = partial(
                _mapped, check_id, rule, entry, bridged.get(check_id)
            )
    return CheckovTable(factories)


def _bridged(build: Callable[[], RuleMeta]) -> BridgedCheck:
    return BridgedCheck(build())


def _mapped(
    check_id: str,
    rule: RuleMeta,
    entry: Mapping[str, Any],
    titled: Callable[[], RuleMeta] | None,
) -> BridgedCheck:
    meta = rule.model_copy(
        update={
            "id": check_id,
            "title": titled().title if titled else rule.title,
            "tags": ("checkov", *rule.tags),
            "pack": PACK,
            "source": f"rules/checkov/{MAPPING_FILE}",
        }
    )
    parameters = entry.get("parameters")
    return BridgedCheck(
        meta,
        str(entry["gdcc_rule"]),
        entry.get("evidence_key") or None,
        dict(parameters) if isinstance(parameters, Mapping) else {},
    )


def bridged_ids(folder: Path) -> set[str]:
    """Every checkov id a table in ``folder`` names (what a waiver may name)."""
    mapping = folder / MAPPING_FILE
    ids = {str(e["checkov_id"]) for e in mapping_entries(mapping)} if mapping.is_file() else set()
    for path in sorted(folder.glob(BRIDGE_GLOB)):
        ids |= {check_id for check_id, _ in bridge_factories(path)}
    return ids


def native_rules(metas: Iterable[RuleMeta]) -> dict[str, RuleMeta]:
    """Rule metadata by id."""
    return {m.id: m for m in metas}
