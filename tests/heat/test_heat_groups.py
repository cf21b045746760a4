"""Heat groups make copies of one resource definition: an ``OS::Heat::AutoScalingGroup``'s
``resource`` and an ``OS::Heat::ResourceGroup``'s ``resource_def``. They were "not judged",
so the servers (or containers) they make were judged by no rule; an inline definition of a
type the mapper reads is now read as the resource it makes, under the group's logical id. A
definition that is a nested template file is scanned as a template of its own."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).parent.parent / "fixtures" / "heat" / "groups"


def test_inline_group_definitions_are_judged_as_what_they_make() -> None:
    result = audit(
        [FIXTURES],
        Settings(rule_ids=("GDCC-NET-001", "GDCC-SECRET-001", "GDCC-DATA-001", "GDCC-GRAPH-002")),
    )
    found = {(f.rule_id, f.address): (f.status, f.message.en) for f in result.findings}
    assert found[("GDCC-NET-001", "web_group")] == (
        Status.NOT_APPLICABLE, "judged on its security groups: ssh_sg"
    )
    assert found[("GDCC-SECRET-001", "web_group")][0] is Status.FAIL
    assert "admin_pass" in found[("GDCC-SECRET-001", "web_group")][1]
    assert found[("GDCC-DATA-001", "scratch")][0] is Status.FAIL
    # a type from a parameter is not read here: the group stays "not judged"; a definition
    # that is a template file not in the scan is a nested stack not read (it was "not
    # judged"); the rest of the template is judged
    assert result.not_judged == {"OS::Heat::AutoScalingGroup": 1}
    assert [(m.address, m.source, m.reason) for m in result.modules_not_read] == [
        ("nested_group", "member.yaml", "nested template: not in the scan")
    ]
    assert [i.status.value for i in result.inputs] == ["assessed"]
    (web,) = [r for r in result.resources if r.address == "web_group"]
    assert (web.provider_type, web.kind, web.line) == ("OS::Nova::Server", "compute.instance", 15)
