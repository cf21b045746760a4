"""A CloudFormation / Heat template read again with other parameter values (an allowed value,
an environment file: ``Resource.variants``) costs only what those values change: a read with
values of parameters the template's own read never looked at is not made
(``resolving.Used``), and a resource whose pending state a read leaves as it was is not
built again (``build.Built``). Verdicts and messages are those of the full reads."""

from __future__ import annotations

import copy
import pickle
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding
from gdcc_audit.normalize.cloudformation import build
from gdcc_audit.normalize.cloudformation import mapper as cfn_mapper
from gdcc_audit.normalize.cloudformation.build import Built, Pending
from gdcc_audit.normalize.cloudformation.resolving import Parameters, Used
from gdcc_audit.normalize.cloudformation.types import Mapped
from gdcc_audit.normalize.heat import mapper as heat_mapper
from gdcc_audit.settings import Settings

#: ``Size`` reaches the instance class of one database only; ``Audit`` a condition nothing
#: uses; ``IsPublic`` decides ``Db``'s exposure.
TEMPLATE = """\
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  IsPublic:
    Type: String
    Default: 'false'
    AllowedValues: ['true', 'false']
  Size:
    Type: String
    Default: small
    AllowedValues: [small, large]
  Audit:
    Type: String
    Default: 'off'
    AllowedValues: ['on', 'off']
Conditions:
  Public: !Equals [!Ref IsPublic, 'true']
  Large: !Equals [!Ref Size, large]
  Audited: !Equals [!Ref Audit, 'on']
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      PubliclyAccessible: !If [Public, true, false]
      StorageEncrypted: true
  Sized:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: !If [Large, db.r5.large, db.t3.micro]
      PubliclyAccessible: false
      StorageEncrypted: true
  Logs:
    Type: AWS::S3::Bucket
"""


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Counts of template reads and of resources built, per format."""
    counts = {"cfn reads": 0, "heat reads": 0, "built": 0}

    def counting(module: Any, name: str, key: str) -> None:
        original = getattr(module, name)

        def wrapped(*args: Any, **kwargs: Any) -> Any:
            counts[key] += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapped)

    counting(cfn_mapper, "_read", "cfn reads")
    counting(heat_mapper, "_read", "heat reads")
    counting(build, "to_resource", "built")
    return counts


def _findings(root: Path, rule: str) -> dict[str, Finding]:
    result = audit([root], Settings(rule_ids=(rule,)))
    return {f.address or "": f for f in result.findings if f.rule_id == rule}


def test_an_allowed_value_no_resource_reads_is_not_read_and_resources_are_built_once(
    tmp_path: Path, counted: dict[str, int]
) -> None:
    (tmp_path / "db.yaml").write_text(TEMPLATE, encoding="utf-8")
    found = _findings(tmp_path, "GDCC-NET-002")
    # the template's read, IsPublic = 'true', Size = large; not Audit = 'on' (the condition
    # it names decides nothing): was 4 reads
    assert counted["cfn reads"] == 3
    # 3 resources, then Db with IsPublic = 'true' and Sized with Size = large (the bucket,
    # and the database the other value leaves as it was, are not built again): was 9
    assert counted["built"] == 5
    assert found["Db"].status.value == "PASS"
    assert found["Db"].message.en == (
        "Databases and message brokers are not reachable through a public endpoint (decided "
        "by the default of the parameter "
        f"IsPublic ('false', value set at {tmp_path / 'db.yaml'}:5); a deployment with "
        "IsPublic = 'true': FAIL)"
    )
    assert found["Sized"].status.value == "PASS"
    assert found["Sized"].message.en == (
        "Databases and message brokers are not reachable through a public endpoint"
    )


#: ``flavor`` reaches the server; ``motd`` only an output.
HEAT = """\
heat_template_version: 2018-08-31
parameters:
  allowed:
    type: string
    default: 10.0.0.0/8
  motd:
    type: string
    default: hello
resources:
  ssh:
    type: OS::Neutron::SecurityGroup
    properties:
      rules:
        - protocol: tcp
          port_range_min: 22
          port_range_max: 22
          remote_ip_prefix: { get_param: allowed }
  data:
    type: OS::Cinder::Volume
    properties:
      size: 10
outputs:
  greeting:
    value: { get_param: motd }
"""


def test_an_environment_setting_only_what_no_resource_reads_is_not_read(
    tmp_path: Path, counted: dict[str, int]
) -> None:
    (tmp_path / "server.yaml").write_text(HEAT, encoding="utf-8")
    (tmp_path / "env").mkdir()
    (tmp_path / "env" / "motd.yaml").write_text("parameters:\n  motd: bye\n", "utf-8")
    (tmp_path / "env" / "open.yaml").write_text(
        "parameters:\n  allowed: 0.0.0.0/0\n", "utf-8"
    )
    found = _findings(tmp_path, "GDCC-NET-001")
    # the template's own read and open.yaml's (alone, and combined with motd.yaml: the same
    # values as far as a resource reads); motd.yaml alone and motd then open... not read:
    # was 4 reads (own, motd, open, motd + open)
    assert counted["heat reads"] == 3
    # ssh and data, then ssh with 0.0.0.0/0 once (data is the same in every read)
    assert counted["built"] == 3
    env, motd = tmp_path / "env" / "open.yaml", tmp_path / "env" / "motd.yaml"
    assert found["ssh"].status.value == "FAIL"
    assert found["ssh"].message.en == (
        "port 22 is open to the whole internet (0.0.0.0/0) "
        f"(with the environment file {env}, or with the environment files combined "
        f"(-e {motd} -e {env})) (value set at {env}:2)"
    )


def test_parameters_note_each_value_taken_not_names() -> None:
    parameters = Parameters({"a": 1, "b": 2, "c": 3})
    assert "a" in parameters
    assert list(parameters) == ["a", "b", "c"]
    assert len(parameters) == 3
    assert parameters.read == set()
    assert parameters["a"] == 1
    assert parameters.get("z") is None
    assert parameters.read == {"a", "z"}
    dict(parameters.items())
    assert parameters.read == {"a", "b", "c", "z"}
    used = Used()
    used.note(Parameters({"a": 1, "b": 2}))
    assert used.unchanged_by({"a": 5, "b": 6})
    used.read.add("a")
    assert not used.unchanged_by({"a": 5})
    assert used.unchanged_by({"b": 6})
    assert not used.unchanged_by({"new": 1})  # a parameter the read did not have


def _pending(value: Any) -> Pending:
    return Pending("R", "aws", "AWS::S3::Bucket", Mapped("storage.bucket"), {"X": value}, {},
                   "/Resources/R")


def test_built_tells_true_from_one(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[Any] = []

    def to_resource(document: Any, context: Any, item: Pending, region: Any, _: Any) -> Any:
        made.append(item.props["X"])
        return object()

    monkeypatch.setattr(build, "to_resource", to_resource)
    built = Built()
    first = built.build(None, None, _pending(True), None)  # type: ignore[arg-type]
    assert built.build(None, None, _pending(True), None) is first  # type: ignore[arg-type]
    built.build(None, None, _pending(1), None)  # type: ignore[arg-type]
    built.build(None, None, _pending(True), "eu-west-1")  # type: ignore[arg-type]
    assert made == [True, 1, True]


def test_built_pickles_the_properties_as_written_once_per_object(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The template's own properties (the same object in every read) are pickled once; an
    equal copy (a read that rebuilds them) is still the same state, a different one not."""
    made: list[Any] = []

    def to_resource(document: Any, context: Any, item: Pending, region: Any, _: Any) -> Any:
        made.append(item.raw)
        return object()

    pickled: list[Any] = []
    real = pickle.dumps

    def dumps(value: Any, *args: Any) -> bytes:
        pickled.append(value)
        return real(value, *args)

    monkeypatch.setattr(build, "to_resource", to_resource)
    monkeypatch.setattr(build.pickle, "dumps", dumps)
    raw = {"BucketName": {"Ref": "Name"}, "Tags": [{"Key": "a", "Value": True}]}
    built = Built()
    first = built.build(None, None, replace(_pending(1), raw=raw), None)  # type: ignore[arg-type]
    for again in (raw, copy.deepcopy(raw)):
        item = replace(_pending(1), raw=again)
        assert built.build(None, None, item, None) is first  # type: ignore[arg-type]
    other = {**raw, "Tags": [{"Key": "a", "Value": 1}]}
    assert built.build(None, None, replace(_pending(1), raw=other), None) is not first  # type: ignore[arg-type]
    assert made == [raw, other]
    assert [p for p in pickled if p is raw] == [raw]  # once, though built from three times



#: ``Size`` reaches the instance (an alternative read); the user data takes a ``NoEcho``
#: parameter whose default is written in the template.
SECRET = """\
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Size:
    Type: String
    Default: t3.micro
    AllowedValues: [t3.micro, t3.large]
  DbPassword:
    Type: String
    NoEcho: true
    Default: hunter22hunter
Resources:
  Web:
    Type: AWS::EC2::Instance
    Properties:
      InstanceType: !Ref Size
      ImageId: ami-12345678
      UserData: !Base64
        Fn::Sub: "#!/bin/bash\\necho ${DbPassword} > /etc/db\\n"
"""


def test_what_is_written_is_searched_once_per_template(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: dict[str, int] = {}

    def counted(module: Any, name: str) -> None:
        original = getattr(module, name)

        def wrapped(*args: Any) -> Any:
            calls[name] = calls.get(name, 0) + 1
            return original(*args)

        monkeypatch.setattr(module, name, wrapped)

    counted(cfn_mapper, "cloudformation_secrets")
    counted(build, "default_secret_paths")
    counted(build, "partly_written_secrets")
    (tmp_path / "web.yaml").write_text(SECRET, encoding="utf-8")
    found = _findings(tmp_path, "GDCC-SECRET-001")
    # two reads of Web (t3.large: another pending state, built again): its user data and
    # properties as written are searched once (were twice each)
    assert calls == {
        "cloudformation_secrets": 1, "default_secret_paths": 1, "partly_written_secrets": 1
    }
    assert found["Web"].status.value == "FAIL"
    assert "UserData" in found["Web"].message.en
