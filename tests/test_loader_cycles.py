"""The Heat and CloudFormation readings left reference cycles, which the paused collector
(``gcpause``) kept until the scan's one collection: recursive walkers written as closures
calling themselves (``stacks.parameter_paths``, ``stacks.conditional``,
``values.partly_written_secrets``, ``choices._inert`` / ``_used``, and discovery's folder
walk), each holding what it was given (the resolver, through its ``condition`` method, and
the template); and a file's error returned with its traceback, whose frames held discovery
and every file it parsed (heat-templates: 50,267 objects; aws-cloudformation-templates:
156,701; checkov's CloudFormation tests: 26,649). The walkers are module functions and an
error keeps no traceback (``guard._unwound``): nothing is left, and a large Heat or
CloudFormation scan runs no collection over the whole heap (``api._NO_CYCLES``)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from gdcc_audit import api
from gdcc_audit.load import cloudformation, heat
from gdcc_audit.settings import Settings

HEAT = """\
heat_template_version: 2018-08-31
parameters:
  env:
    type: string
    default: dev
    constraints:
      - allowed_values: [dev, prod]
  db_password:
    type: string
    default: S3cretPass
  admin_cidr:
    type: string
    default: 10.0.0.0/8
conditions:
  is_prod: {equals: [{get_param: env}, prod]}
resources:
  group:
    type: OS::Neutron::SecurityGroup
    properties:
      rules:
        - protocol: tcp
          port_range_min: 22
          port_range_max: 22
          remote_ip_prefix: {if: [is_prod, {get_param: admin_cidr}, 0.0.0.0/0]}
  server:
    type: OS::Nova::Server
    properties:
      image: cirros
      flavor: m1.small
      security_groups: [{get_resource: group}]
      user_data:
        str_replace:
          template: |
            #!/bin/sh
            mysqladmin -u root password $db_password
            echo $env
          params:
            $db_password: {get_param: db_password}
            $env: {get_param: env}
"""

CLOUDFORMATION = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
    Default: dev
    AllowedValues: [dev, prod]
  AdminCidr:
    Type: String
    Default: 10.0.0.0/8
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: admin
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: !If [IsProd, !Ref AdminCidr, 0.0.0.0/0]
  Box:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      SecurityGroupIds: [!Ref Group]
      UserData:
        Fn::Base64: !Sub |
          #!/bin/sh
          mysql -pS3cretPass -h ${Db.Endpoint.Address}
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
"""

#: JSON that does not parse (as YAML nor JSON): the file's error.
BROKEN = '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"A": {"Type": "x" "y": 1}}}\n'


def _write(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(HEAT, encoding="utf-8")
    (tmp_path / "template.yaml").write_text(CLOUDFORMATION, encoding="utf-8")
    (tmp_path / "broken.json").write_text(BROKEN, encoding="utf-8")


def test_heat_and_cloudformation_leave_no_cycles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path)
    left: list[str] = []
    graph = api.ResourceGraph

    def collecting(*args: object, **kwargs: object) -> object:
        gc.set_debug(gc.DEBUG_SAVEALL)
        try:
            gc.collect()
            left.extend(
                f"{getattr(o, '__module__', None) or type(o).__module__}."
                f"{getattr(o, '__qualname__', type(o).__qualname__)}"
                for o in gc.garbage
                # (not a class: ``dataclass(slots=True)`` replaces the class it makes when
                # its module is first imported, as the Terraform syntax tree's are)
                if not isinstance(o, type) and (
                    (getattr(o, "__module__", None) or type(o).__module__ or "").startswith(
                        "gdcc_audit")
                    or isinstance(o, BaseException)
                )
            )
        finally:
            gc.set_debug(0)
            gc.garbage.clear()
        return graph(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(api, "ResourceGraph", collecting)
    monkeypatch.setattr(api, "COLLECT_FROM", 10**9)  # the scan's own collection: not run
    gc.collect()  # what earlier tests left
    result = api.audit([tmp_path], Settings(workers=1, cache=False))
    kinds = sorted(r.provider_type for r in result.resources)
    assert kinds == [
        "AWS::EC2::Instance", "AWS::EC2::SecurityGroup", "AWS::RDS::DBInstance",
        "OS::Neutron::SecurityGroup", "OS::Nova::Server",
    ]
    assert [Path(f.path).name for f in result.inputs if f.error] == ["broken.json"]
    # before: stacks.parameter_paths.<locals>.walk, stacks.conditional.<locals>.parameters,
    # HotResolver, Resolver, Document, InputError, discover.walk.<locals>.visit_dir, ...
    assert left == []


def test_a_large_heat_or_cloudformation_scan_runs_no_collection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path)
    calls: list[int] = []
    monkeypatch.setattr(api, "COLLECT_FROM", 1)
    monkeypatch.setattr(api.gc, "collect", lambda *a: calls.append(1) or 0)
    result = api.audit([tmp_path], Settings(workers=1, cache=False))
    assert len(result.resources) == 5
    assert calls == []  # before: one collection over the whole heap


def test_the_formats_are_named_as_their_loaders_name_them() -> None:
    assert {cloudformation.FORMAT, heat.FORMAT, heat.ENVIRONMENT} <= api._NO_CYCLES
