"""A secret written in the properties of a Heat resource whose type is a nested template that
is not in the scan (``type: https://example.com/templates/db.yaml``, a file not scanned, a
type an environment maps to such a template) had no finding: nothing read the properties
(the template is listed as a nested template not read). They are the parameters the parent
passes, written in the parent: the resource is now a secret holder judged by
GDCC-SECRET-001 only. An ``OS::Heat::Stack`` already was one; a nested template that is in
the scan is judged through the child's resources, as before (no second finding)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit import Settings, audit

PARENT = """\
heat_template_version: 2018-08-31
parameters:
  admin_password:
    type: string
    default: Fr0m-A-Default-9
    hidden: true
  outside_password:
    type: string
    hidden: true
resources:
  remote_db:
    type: https://example.com/templates/db.yaml
    properties:
      db_password: Sup3r-S3cret-Pw
      flavor: m1.small
  missing_file:
    type: templates/missing.yaml
    properties:
      root_password: {get_param: admin_password}
  clean:
    type: https://example.com/templates/db.yaml
    properties:
      db_password: {get_param: outside_password}
  scanned:
    type: child.yaml
    properties:
      app_password: L0cal-Child-Pw
"""

CHILD = """\
heat_template_version: 2018-08-31
parameters:
  app_password:
    type: string
    hidden: true
resources:
  config:
    type: OS::Heat::SoftwareConfig
    properties:
      config:
        str_replace:
          template: "mysql -uapp -p$pw -e 'select 1'"
          params:
            $pw: {get_param: app_password}
"""


def test_properties_passed_to_a_template_not_scanned_are_judged(tmp_path: Path) -> None:
    (tmp_path / "parent.yaml").write_text(PARENT, encoding="utf-8")
    (tmp_path / "child.yaml").write_text(CHILD, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",), cache=False))
    found = {
        (Path(f.location.file).name, f.address): (f.status.value, f.evidence.get("paths"))
        for f in result.findings
    }
    assert found[("parent.yaml", "remote_db")] == ("FAIL", ["db_password"])
    assert found[("parent.yaml", "missing_file")] == ("FAIL", ["root_password"])
    assert ("parent.yaml", "clean") not in found
    # the scanned child reads what its parent passes: judged there, not on the parent
    assert ("parent.yaml", "scanned") not in found
    assert found[("child.yaml", "config")][0] == "FAIL"
