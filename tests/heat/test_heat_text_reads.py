"""How often a Heat template's text functions are read for secrets (stop 41's secret readings
made heat-templates 17 % slower): ``replaced_params`` walked every top-level property of
every resource, with a text function or not, and the same ``str_replace`` of a server's
user data was built three times in one read (its property, ``written_text`` for
GDCC-SECRET-001, ``written_text`` again for the user data's facets). Now only the
properties holding a text function are walked (``intrinsics.has_text_function``) and a
text function is built once per read (``HotResolver._text``); the verdicts are the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gdcc_audit.api import audit
from gdcc_audit.normalize.heat import intrinsics, mapper, replace_origins
from gdcc_audit.normalize.heat.intrinsics import HotResolver
from gdcc_audit.normalize.heat.mapper import _defaulted_secrets
from gdcc_audit.settings import Settings

GROUP = """\
  group{i}:
    type: OS::Neutron::SecurityGroup
    properties:
      name: group{i}
      description: web
      rules:
        - protocol: tcp
          port_range_min: 443
          port_range_max: 443
          remote_ip_prefix: 10.0.0.0/8
"""

SERVER = """\
heat_template_version: 2018-08-31
parameters:
  db_root_password:
    type: string
    default: r00tPassw0rd
resources:
{groups}  root_password:
    type: OS::Heat::RandomString
  db:
    type: OS::Nova::Server
    properties:
      image: cirros
      flavor: m1.small
      user_data:
        str_replace:
          template: |
            #!/bin/bash
            mysqladmin -u root password $db_rootpassword
            echo $generated > /etc/app/key
          params:
            $db_rootpassword: {{get_param: db_root_password}}
            $generated: {{get_attr: [root_password, value]}}
"""


def _write(root: Path, groups: int) -> None:
    text = SERVER.format(groups="".join(GROUP.format(i=i) for i in range(groups)))
    (root / "db.yaml").write_text(text, encoding="utf-8")


def test_only_properties_with_a_text_function_are_walked_for_params(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Twenty groups (four properties each, none with a text function) and one server whose
    user data is a ``str_replace``: ``replaced_params`` reads the user data alone (before:
    every property of every group and of the server, 64 calls), and the server still FAILs
    both rules on its defaulted password. Once: the facets read the password from the
    rendered ``mysqladmin -u root password r00tPassw0rd`` itself (a command secrets.detect
    knows since stop 43), so only GDCC-SECRET-001's param reading is left (it was twice)."""
    _write(tmp_path, 20)
    walked: list[Any] = []
    real = mapper.replaced_params

    def counted(raw: Any, resolver: HotResolver, depth: int = 0) -> dict[str, str]:
        walked.append(raw)
        return real(raw, resolver, depth)

    monkeypatch.setattr(mapper, "replaced_params", counted)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-005", "GDCC-SECRET-001"), workers=1))
    failed = {(f.rule_id, f.address) for f in result.findings if f.status.value == "FAIL"}
    assert failed == {("GDCC-CMP-005", "db"), ("GDCC-SECRET-001", "db")}
    assert len(walked) == 1
    assert all(set(raw) == {"str_replace"} for raw in walked)


def test_a_text_function_is_built_once_per_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server's user data ``str_replace`` (not known as a whole: a RandomString's value
    in it) is built once in the template's one read (before: three times)."""
    _write(tmp_path, 1)
    built: list[Any] = []
    real = intrinsics._FUNCTIONS["str_replace"]

    def counted(resolver: HotResolver, arg: Any, depth: int) -> Any:
        built.append(arg)
        return real(resolver, arg, depth)

    monkeypatch.setitem(intrinsics._FUNCTIONS, "str_replace", counted)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",), workers=1))
    assert [(f.address, f.status.value) for f in result.findings] == [("db", "FAIL")]
    assert len(built) == 1


def test_a_text_built_again_where_the_first_build_may_not_hold() -> None:
    """A text function is built again, not reused, when the rest of the template's text cap
    is smaller than what the first build took (the refusal is then the same as before) or
    when the read is deeper than the nesting the first build read allows."""
    template = {
        "parameters": {"p": {"type": "string", "default": "x" * 1000}},
        "resources": {},
    }
    value = {"str_replace": {"template": "a $p b", "params": {"$p": {"get_param": "p"}}}}
    resolver = HotResolver(template)
    first = resolver.resolve(value)
    assert first == "a " + "x" * 1000 + " b"
    used = resolver.built
    assert resolver.resolve(value) == first
    assert resolver.built == 2 * used  # reused: what it built is counted again
    resolver.built = intrinsics.MAX_TEXT_TOTAL - used + 1
    resolver.current = ("db", "/resources/db")
    assert resolver.resolve(value) is intrinsics.UNKNOWN  # built again, and refused
    assert resolver.refused == {("db", "/resources/db"): (
        "str_replace: the template's string functions have built 16,000,000 characters, the "
        "cap per template"
    )}
    deep = HotResolver(template)
    assert deep.resolve(value, intrinsics._MAX_DEPTH - 2) == first
    assert deep.resolve(value, intrinsics._MAX_DEPTH - 1) is intrinsics.UNKNOWN


def test_defaulted_secrets_of_properties_without_text_functions_is_empty() -> None:
    """Properties without a text function give no defaulted secret, however named."""
    template = {"parameters": {"pw": {"type": "string", "default": "r00tPassw0rd"}}}
    resolver = HotResolver(template)
    raw = {"admin_pass": {"get_param": "pw"}, "metadata": {"password": "x"}}
    assert _defaulted_secrets(raw, resolver.resolve(raw), resolver) == ()


ALTERNATIVES = """\
heat_template_version: 2018-08-31
parameters:
  db_root_password:
    type: string
    default: r00tPassw0rd
  debug:
    type: boolean
    default: false
  flavor:
    type: string
    default: m1.small
    constraints:
      - allowed_values: [m1.small, m1.large]
resources:
  db:
    type: OS::Nova::Server
    properties:
      image: cirros
      flavor: {get_param: flavor}
      user_data:
        str_replace:
          template: |
            #!/bin/bash
            mysqladmin -u root password $db_rootpassword
            echo "debug=$debug host=$host"
          params:
            $db_rootpassword: {get_param: db_root_password}
            $debug: {get_param: debug}
            $host: db.example.org
"""


def test_each_rendering_is_read_for_secrets_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The template is read with its defaults and with its other allowed values: where its
    user data's secret is written ("value set at", ``replace_origins``) renders the text
    once per param, and each rendering is read for secrets once (before: again in each read
    that builds the server again, 6 reads of 4 renderings); the finding names the
    parameter's default."""
    (tmp_path / "db.yaml").write_text(ALTERNATIVES, encoding="utf-8")
    read: list[Any] = []
    real = replace_origins.detect_secrets

    def counted(values: Any, *args: Any, **kwargs: Any) -> Any:
        read.append(values)
        return real(values, *args, **kwargs)

    monkeypatch.setattr(replace_origins, "detect_secrets", counted)
    replace_origins._holds_secret.cache_clear()
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",), workers=1))
    [finding] = result.findings
    assert (finding.address, finding.status.value) == ("db", "FAIL")
    assert f"{tmp_path / 'db.yaml'}:5" in str(finding.evidence)
    renderings = [v for v in read if "user_data" in v]
    # none given, then $debug and $host ($db_rootpassword is a secret by its own name); the
    # read with debug = 'true' gives the server the same facts: no verdict names its secret,
    # whose place is found only when one does (test_heat_later_origins: 4 before)
    assert len(renderings) == 3
