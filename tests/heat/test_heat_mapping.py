"""OpenStack Heat (HOT) templates mapped to canonical kinds and facets (provider openstack)."""

from __future__ import annotations

import pytest

from gdcc_audit.models.resource import IngressRule, Reference, Resource
from gdcc_audit.normalize.cloudformation.values import UNKNOWN, ResourceRef
from gdcc_audit.normalize.heat.intrinsics import HotResolver
from iac_helpers import FIXTURES, run

HEAT = FIXTURES / "heat"


@pytest.fixture(scope="module")
def stack() -> dict[str, Resource]:
    resources, errors, _ = run(HEAT / "stack.yaml")
    assert errors == []
    return resources


TEMPLATE = {
    "parameters": {
        "name": {"type": "string", "default": "web"},
        "net": {"type": "string"},
        "sizes": {"type": "json", "default": '{"small": 1}'},
        "ports": {"type": "comma_delimited_list", "default": "80,443"},
        "flag": {"type": "boolean", "default": "true"},
    },
    "conditions": {"is_web": {"equals": [{"get_param": "name"}, "web"]}},
    "resources": {"server": {"type": "OS::Nova::Server"}},
}


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ({"get_param": "name"}, "web"),
        ({"get_param": "net"}, UNKNOWN),
        ({"get_param": ["sizes", "small"]}, 1),
        ({"get_param": ["ports", 1]}, "443"),
        ({"get_param": "flag"}, True),
        ({"get_param": "OS::stack_name"}, UNKNOWN),
        ({"get_resource": "server"}, ResourceRef("server")),
        ({"get_attr": ["server", "first_address"]}, ResourceRef("server", "first_address")),
        ({"str_replace": {"template": "$a-$ab", "params": {"$a": "x", "$ab": "y"}}}, "x-y"),
        ({"str_replace": {"template": "$a", "params": {"$a": {"get_param": "net"}}}}, UNKNOWN),
        ({"list_join": [",", ["a", {"get_param": "name"}], ["c"]]}, "a,web,c"),
        ({"str_split": [",", "a,b", 1]}, "b"),
        ({"if": ["is_web", 1, 2]}, 1),
        ({"if": [{"not": "is_web"}, 1, 2]}, 2),
        ({"get_file": "script.sh"}, UNKNOWN),
    ],
)
def test_hot_functions(expression: object, expected: object) -> None:
    assert HotResolver(TEMPLATE).resolve(expression) == expected


def test_kinds_and_skipped_resources(stack: dict[str, Resource]) -> None:
    assert {name: r.kind for name, r in stack.items()} == {
        "web_sg": "network.security_group",
        "web": "compute.instance",
        "web_fip": "network.public_ip",
        "db": "compute.instance",
        "data_volume": "storage.volume",
        "plain_volume": "storage.volume",
        "site": "storage.bucket",
        "backups": "storage.bucket",
        "listener": "network.load_balancer",
        "http_listener": "network.load_balancer",
        "lb": "network.load_balancer",
        "operator": "identity.user",
        "router": "network.router",
    }  # rdp_rule merged into web_sg; skipped_volume's condition is false; ports unmapped
    assert {r.provider for r in stack.values()} == {"openstack"}
    assert {r.facets.region for r in stack.values()} == {"gdcc-bkk-1"}


def test_security_group_rules(stack: dict[str, Resource]) -> None:
    group = stack["web_sg"]
    assert group.id == "-/-/OS::Neutron::SecurityGroup.stack.yaml:web_sg"
    assert (group.location.start_line, group.location.end_line) == (26, 39)
    assert group.facets.ingress == (
        # its source is the admin_cidr parameter's default: the line to change
        IngressRule(
            protocol="tcp",
            from_port=22,
            to_port=22,
            sources=("0.0.0.0/0",),
            set_at=f"{group.location.file}:9",
        ),
        IngressRule(  # its first port is an item of the 'ports' default
            protocol="tcp",
            from_port=443,
            to_port=443,
            sources=("10.0.0.0/8",),
            set_at=f"{group.location.file}:18",
        ),
        # merged from OS::Neutron::SecurityGroupRule rdp_rule: who declares it, where
        IngressRule(
            protocol="tcp",
            from_port=3389,
            to_port=3389,
            sources=("0.0.0.0/0",),
            declared_by="rdp_rule",
            declared_at=f"{group.location.file}:40",
        ),
    )


def test_servers(stack: dict[str, Resource]) -> None:
    web = stack["web"]
    assert web.facets.public_endpoint is True  # floating IP on its port
    assert web.system == "portal"  # gdcc:system in the server metadata
    # the user data holds a password, and takes a hidden parameter's default (changeme-now)
    assert web.facets.hardcoded_secrets == ("user_data", "user_data.str_replace.params.$PW")
    assert web.references == (
        Reference(target="web_port", attribute="networks.0.port"),
        Reference(target="web_sg", attribute="networks.0.port"),
    )
    db = stack["db"]
    assert db.facets.public_endpoint is None  # a named network: external or not is unknown
    assert db.facets.hardcoded_secrets == ("admin_pass",)  # hidden parameter with a default
    assert db.references == (Reference(target="web", attribute="depends_on"),)


def test_volumes_buckets_listeners_users(stack: dict[str, Resource]) -> None:
    assert stack["data_volume"].facets.encrypted_at_rest is True  # EncryptedVolumeType
    assert stack["plain_volume"].facets.encrypted_at_rest is None
    assert stack["site"].facets.public_access is True
    assert stack["backups"].facets.public_access is False
    assert stack["listener"].facets.encrypted_in_transit is True
    assert stack["http_listener"].facets.encrypted_in_transit is False
    operator = stack["operator"]
    assert (operator.facets.admin_privileges, operator.facets.hardcoded_secrets) == (
        True, ("password",)
    )
    assert operator.attributes["password"] == "<redacted>"
    assert stack["router"].facets.public_endpoint is True


def test_cfn_format_heat_template_goes_through_cloudformation() -> None:
    resources, errors, found = run(HEAT / "cfn-format.template")
    assert errors == []
    assert list(found.claims) == ["cloudformation"]
    assert {k: (r.provider, r.kind) for k, r in resources.items()} == {
        "Net": ("openstack", "network.vpc"),
        "Group": ("aws", "network.security_group"),
        "Server": ("aws", "compute.instance"),
    }


def test_environment_files_are_not_templates_and_bad_types_are_errors() -> None:
    # an environment file is read for its resource_registry (``heat.nesting``): no resources
    resources, errors, found = run(HEAT / "env.yaml", HEAT / "bad-type.yaml")
    assert resources == {}
    assert found.unrecognised == []
    assert sorted(c.path.name for c in found.claims["heat"]) == ["bad-type.yaml", "env.yaml"]
    assert [(e.line, e.field) for e in errors] == [(4, "broken.type")]


def test_user_data_secrets_are_those_the_template_writes() -> None:
    resources, errors, _ = run(HEAT / "user_data.yaml")
    assert errors == []
    secrets = {k: r.facets.user_data_secrets for k, r in resources.items()}
    assert secrets == {
        "no_user_data": (),  # no user data: nothing in it
        # a hidden parameter without default is not written here, but the user data holds
        # it at run time (was (): a PASS of GDCC-CMP-005)
        "from_parameter": ("user_data (hidden parameter db_password)",),
        # the default password is written in the template, and is a hidden parameter
        "default_written": ("user_data", "user_data (hidden parameter admin_password)"),
        "literal_in_template": ("user_data", "user_data (hidden parameter db_password)"),
        "from_file": None,  # get_file: text the template does not show
    }
