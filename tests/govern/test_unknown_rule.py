"""A waiver that names a rule no pack has is an input error with its line, not a silent no-op."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.models.result import InputStatus

from .helpers import entry, scan, tenant, waiver_text


def test_waiver_for_a_misspelt_rule_is_reported(tmp_path: Path) -> None:
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        waiver_text(entry(), entry(rule="GDCC-NET-01", wid="W2")), encoding="utf-8"
    )
    result = scan([tenant(tmp_path, waivers=["waivers.yaml"])])
    by_name = {Path(i.path).name: i for i in result.inputs}
    item = by_name["waivers.yaml"]
    assert item.status == InputStatus.PARTIALLY_ASSESSED
    assert (item.line, item.field) == (11, "rule")  # the line where the waiver starts
    assert item.error == (
        "waiver names rule 'GDCC-NET-01', which no installed rule pack has "
        "(see 'gdcc-audit rules list')"
    )
    # The correct waiver still applies.
    waived = [f.resource_name for f in result.findings if f.waiver is not None]
    assert waived == ["sg-ssh"]
