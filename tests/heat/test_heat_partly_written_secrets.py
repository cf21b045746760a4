"""GDCC-SECRET-001 on Heat text written around a value made at deployment: a ``str_replace``
or ``list_join`` with a ``get_attr`` in it resolves to a value not known, so the literal
password written around it was not searched (a SoftwareConfig's script or a CloudConfig file
had no finding; a server's user data PASSed). What is written is searched for credential
shapes, the part not known read as a reference."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
heat_template_version: 2018-08-31
parameters:
  image: {type: string}
  db_password: {type: string, hidden: true}
resources:
  db:
    type: OS::Nova::Server
    properties: {image: {get_param: image}, flavor: m1.small}
  config:
    type: OS::Heat::SoftwareConfig
    properties:
      group: script
      config:
        str_replace:
          template: |
            #!/bin/sh
            mysql -uroot -pS3cretPw1 -h $DB_HOST -e 'select 1'
          params:
            $DB_HOST: {get_attr: [db, first_address]}
  clean:
    type: OS::Heat::SoftwareConfig
    properties:
      group: script
      config:
        str_replace:
          template: "mysql -uroot -p$DB_PASS -h $DB_HOST"
          params:
            $DB_PASS: {get_param: db_password}
            $DB_HOST: {get_attr: [db, first_address]}
  files:
    type: OS::Heat::CloudConfig
    properties:
      cloud_config:
        write_files:
          - path: /etc/app.conf
            content:
              str_replace:
                template: "db_password=Sup3rSecret host=HOST"
                params:
                  HOST: {get_attr: [db, first_address]}
  web:
    type: OS::Nova::Server
    properties:
      image: {get_param: image}
      flavor: m1.small
      user_data_format: RAW
      user_data:
        list_join:
          - ''
          - - "#!/bin/sh\\necho 'root:Passw0rd99' | chpasswd\\nDB="
            - {get_attr: [db, first_address]}
"""


def test_text_written_around_a_value_made_at_deployment(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {f.resource_name: (f.status, f.evidence.get("paths")) for f in result.findings}
    assert found == {
        "db": (Status.PASS, None),
        "config": (Status.FAIL, ["config"]),
        "files": (Status.FAIL, ["cloud_config.write_files.0.content"]),
        "web": (Status.FAIL, ["user_data"]),
    }


DEFAULTED = """\
heat_template_version: 2013-05-23
parameters:
  prefix:
    type: string
  password:
    type: string
    default: password
  db_password:
    type: string
    hidden: true
resources:
  broker_config:
    type: OS::Heat::SoftwareConfig
    properties:
      group: ungrouped
      config:
        str_replace:
          template: |
            #!/bin/bash
            export PREFIX=$Prefix
            export PASSWORD=$Password
          params:
            $Prefix: {get_param: prefix}
            $Password: {get_param: password}
  clean_config:
    type: OS::Heat::SoftwareConfig
    properties:
      group: ungrouped
      config:
        str_replace:
          template: |
            #!/bin/bash
            export PREFIX=$Prefix
            export PASSWORD=$Password
          params:
            $Prefix: {get_param: prefix}
            $Password: {get_param: db_password}
"""


def test_a_parameter_default_beside_a_value_not_known(tmp_path: Path) -> None:
    """openshift-origin's broker SoftwareConfig: ``export PASSWORD=$Password`` with
    ``password`` defaulting to "password", beside ``$Prefix`` from a parameter with no default.
    The whole text was not known, and what is written was read with every ``get_param`` as a
    reference (defaults too): no finding. A parameter with no default stays a reference."""
    (tmp_path / "t.yaml").write_text(DEFAULTED, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {f.address: (f.status, f.evidence.get("paths")) for f in result.findings}
    assert found == {"broker_config": (Status.FAIL, ["config"])}
