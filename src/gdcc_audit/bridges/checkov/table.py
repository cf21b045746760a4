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

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
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

    @property
    def id(self) -> str:
        """The checkov check id."""
        return self.meta.id


@dataclass(frozen=True)
class CheckovTable:
    """Every bridged check by checkov id."""

    checks: Mapping[str, BridgedCheck]

    def get(self, check_id: str) -> BridgedCheck | None:
        """The bridged check, or None when no reviewed table has it (an unmapped check)."""
        return self.checks.get(check_id)

    def __len__(self) -> int:
        return len(self.checks)


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


def bridge_entries(path: Path) -> list[RuleMeta]:
    """The checks of one ``bridge-*.yaml`` file as rule metadata."""
    data = _read(path)
    metas: list[RuleMeta] = []
    for g_index, group in enumerate(data.get("groups") or []):
        where = f"{path.name}: groups[{g_index}]"
        if not isinstance(group, dict):
            raise ConfigError(f"{where}: a group is a mapping")
        rationale = group.get("rationale")
        for c_index, item in enumerate(group.get("checks") or []):
            at = f"{where}.checks[{c_index}]"
            check = item
            if isinstance(item, list) and len(item) in (3, 4):
                # Short form: [id, English title, Thai title] or [..., severity].
                check = dict(zip(("id", "en", "th", "severity"), item, strict=False))
            if not isinstance(check, dict) or "id" not in check:
                raise ConfigError(f"{at}: a check needs an id")
            check_id = str(check["id"])
            title = _text({"en": check.get("en"), "th": check.get("th")}, f"{at} ({check_id})")
            name = check.get("checkov_name") or title.en
            extra = _text(rationale, f"{where}.rationale") if rationale else None
            why = Text(
                en=_RATIONALE.en.format(id=check_id, name=name),
                th=_RATIONALE.th.format(id=check_id, name=name),
            )
            if extra is not None:
                why = Text(en=f"{extra.en} {why.en}", th=f"{extra.th} {why.th}")
            try:
                metas.append(
                    RuleMeta(
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
                )
            except (ValidationError, ValueError) as exc:
                raise ConfigError(f"{at} ({check_id}): {exc}") from exc
    return metas


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
    checks: dict[str, BridgedCheck] = {}
    sources: dict[str, str] = {}
    for path in sorted(folder.glob(BRIDGE_GLOB)):
        for meta in bridge_entries(path):
            if meta.id in checks:
                raise ConfigError(
                    f"{path.name}: checkov check {meta.id} is listed twice "
                    f"(also in {sources[meta.id]})"
                )
            checks[meta.id] = BridgedCheck(meta)
            sources[meta.id] = path.name
    mapping = folder / MAPPING_FILE
    if mapping.is_file():
        for entry in mapping_entries(mapping):
            check_id = str(entry["checkov_id"])
            rule = native.get(str(entry["gdcc_rule"]))
            if rule is None:
                continue  # the native rule is not installed (a pack left out): bridge it as is
            titled = checks.get(check_id)
            meta = rule.model_copy(
                update={
                    "id": check_id,
                    "title": titled.meta.title if titled else rule.title,
                    "tags": ("checkov", *rule.tags),
                    "pack": PACK,
                    "source": f"rules/checkov/{MAPPING_FILE}",
                }
            )
            previous = checks.get(check_id)
            if previous is not None and previous.native_rule is not None:
                continue  # one check, two native rules: the first entry is the primary one
            checks[check_id] = BridgedCheck(
                meta, str(entry["gdcc_rule"]), entry.get("evidence_key") or None
            )
    return CheckovTable(checks)


def bridged_ids(folder: Path) -> set[str]:
    """Every checkov id a table in ``folder`` names (what a waiver may name)."""
    ids = {str(e["checkov_id"]) for e in mapping_entries(folder / MAPPING_FILE)} if (
        folder / MAPPING_FILE
    ).is_file() else set()
    for path in sorted(folder.glob(BRIDGE_GLOB)):
        ids |= {meta.id for meta in bridge_entries(path)}
    return ids


def native_rules(metas: Iterable[RuleMeta]) -> dict[str, RuleMeta]:
    """Rule metadata by id."""
    return {m.id: m for m in metas}
