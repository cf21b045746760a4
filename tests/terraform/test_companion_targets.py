"""A companion resource configures the one resource its target argument designates (issue 12).

``bucket = var.on ? aws_s3_bucket.a.id : aws_s3_bucket.b.id`` names ``a`` or ``b``, whichever
the condition gives at apply time; the lookup took the first reference, so a protective
companion (versioning, a public access block) certified ``a`` and a harmful one (a public
policy, an open ingress rule) blamed ``a`` alone while ``b`` PASSed. Now each facet such a
companion would change is not known on every candidate, naming them. ``coalesce`` / ``try`` of
ids and ``element(b[*].id, count.index)`` designate one instance: that one is used (the
counted form gave every instance ``b[0]``).
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings
from iac_helpers import run

BUCKETS = """\
variable "on" {
  type = bool
}

resource "aws_s3_bucket" "a" {
  bucket = "bucket-a"
}

resource "aws_s3_bucket" "b" {
  bucket = "bucket-b"
}
"""

WHICH = "var.on ? aws_s3_bucket.a.id : aws_s3_bucket.b.id"


def _found(tmp_path: Path, main: str, rule: str) -> dict[str, tuple[Status, str]]:
    (tmp_path / "main.tf").write_text(main, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=(rule,)))
    return {(f.address or ""): (f.status, f.message.en) for f in result.findings}


def _why(source: str, attribute: str, *candidates: str) -> str:
    names = " or ".join(candidates)
    return (
        f"{source} configures one of several resources, chosen by a value not known before "
        f"apply ({attribute}: {names}): it may or may not apply to this one"
    )


def test_protective_versioning_of_either_bucket_certifies_neither(tmp_path: Path) -> None:
    main = BUCKETS + f"""
resource "aws_s3_bucket_versioning" "v" {{
  bucket = {WHICH}
  versioning_configuration {{
    status = "Enabled"
  }}
}}
"""
    why = _why("aws_s3_bucket_versioning.v", "bucket", "aws_s3_bucket.a", "aws_s3_bucket.b")
    expected = (
        Status.UNKNOWN, f"whether object versioning is on is not known from the input: {why}"
    )
    # was a PASS "Object storage keeps previous versions of objects", b FAIL
    assert _found(tmp_path, main, "GDCC-DATA-005") == {
        "aws_s3_bucket.a": expected,
        "aws_s3_bucket.b": expected,
    }


def test_protective_access_block_of_either_bucket_certifies_neither(tmp_path: Path) -> None:
    main = BUCKETS + f"""
resource "aws_s3_bucket_public_access_block" "pab" {{
  bucket                  = {WHICH}
  block_public_acls       = false
  block_public_policy     = false
  ignore_public_acls      = false
  restrict_public_buckets = false
}}
"""
    found = _found(tmp_path, main, "GDCC-DATA-006")
    # was b PASS (its default block kept), a FAIL
    why = _why(
        "aws_s3_bucket_public_access_block.pab", "bucket", "aws_s3_bucket.a", "aws_s3_bucket.b"
    )
    assert found == dict.fromkeys(
        ("aws_s3_bucket.a", "aws_s3_bucket.b"),
        (
            Status.UNKNOWN,
            f"whether public-access prevention is on is not known from the input: {why}",
        ),
    )


def test_harmful_public_policy_on_either_bucket_exposes_both(tmp_path: Path) -> None:
    main = BUCKETS + f"""
resource "aws_s3_bucket_policy" "p" {{
  bucket = {WHICH}
  policy = jsonencode({{
    Version   = "2012-10-17"
    Statement = [{{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }}]
  }})
}}
"""
    why = _why("aws_s3_bucket_policy.p", "bucket", "aws_s3_bucket.a", "aws_s3_bucket.b")
    # was a FAIL and b PASS "Storage is not publicly readable"
    assert _found(tmp_path, main, "GDCC-DATA-001") == dict.fromkeys(
        ("aws_s3_bucket.a", "aws_s3_bucket.b"),
        (Status.UNKNOWN, f"public access is not known: {why}"),
    )


def test_harmful_open_rule_on_either_group_passes_neither(tmp_path: Path) -> None:
    main = """\
variable "on" {
  type = bool
}

resource "aws_security_group" "a" {
  name = "a"
}

resource "aws_security_group" "b" {
  name = "b"
}

resource "aws_vpc_security_group_ingress_rule" "ssh" {
  security_group_id = var.on ? aws_security_group.a.id : aws_security_group.b.id
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 22
  to_port           = 22
  ip_protocol       = "tcp"
}
"""
    found = _found(tmp_path, main, "GDCC-NET-001")
    # was a FAIL and b PASS "Management ports are not open to the internet"
    assert {address: status for address, (status, _) in found.items()} == {
        "aws_security_group.a": Status.UNKNOWN,
        "aws_security_group.b": Status.UNKNOWN,
    }


def test_a_condition_naming_one_bucket_twice_is_certain(tmp_path: Path) -> None:
    main = BUCKETS + """
resource "aws_s3_bucket_versioning" "v" {
  bucket = var.on ? aws_s3_bucket.a.id : aws_s3_bucket.a.id
  versioning_configuration {
    status = "Enabled"
  }
}
"""
    found = _found(tmp_path, main, "GDCC-DATA-005")
    assert found["aws_s3_bucket.a"][0] is Status.PASS
    assert found["aws_s3_bucket.b"] == (Status.FAIL, "object versioning is off")


def test_coalesce_and_try_of_ids_designate_the_first(tmp_path: Path) -> None:
    # an id is never null nor an error: coalesce / try give the first one
    main = BUCKETS + """
resource "aws_s3_bucket_versioning" "v" {
  bucket = coalesce(aws_s3_bucket.a.id, aws_s3_bucket.b.id)
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_policy" "p" {
  bucket = try(aws_s3_bucket.b.id, aws_s3_bucket.a.id)
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }]
  })
}
"""
    versioning = _found(tmp_path, main, "GDCC-DATA-005")
    assert versioning["aws_s3_bucket.a"][0] is Status.PASS
    assert versioning["aws_s3_bucket.b"] == (Status.FAIL, "object versioning is off")
    public = _found(tmp_path, main, "GDCC-DATA-001")
    assert public["aws_s3_bucket.a"][0] is Status.PASS
    # the policy written in place in the companion: its line is the one to change
    assert public["aws_s3_bucket.b"] == (
        Status.FAIL,
        f"anyone on the internet can read this store (value set at {tmp_path / 'main.tf'}:22)",
    )


COUNTED = """\
resource "aws_s3_bucket" "b" {
  count  = 3
  bucket = "bucket-${count.index}"
}

resource "aws_s3_bucket_policy" "p" {
  count  = 3
  bucket = element(aws_s3_bucket.b.*.id, count.index)
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }]
  })
}

resource "aws_s3_bucket" "m" {
  for_each = toset(["x", "y"])
  bucket   = "bucket-${each.key}"
}

resource "aws_s3_bucket_versioning" "v" {
  for_each = aws_s3_bucket.m
  bucket   = each.value.id
  versioning_configuration {
    status = "Enabled"
  }
}
"""


def test_counted_companions_configure_their_own_instance(tmp_path: Path) -> None:
    public = _found(tmp_path, COUNTED, "GDCC-DATA-001")
    # was b[0] FAIL, b[1] and b[2] PASS: every policy instance went to b[0]
    assert {a: s for a, (s, _) in public.items() if a.startswith("aws_s3_bucket.b")} == {
        "aws_s3_bucket.b[0]": Status.FAIL,
        "aws_s3_bucket.b[1]": Status.FAIL,
        "aws_s3_bucket.b[2]": Status.FAIL,
    }
    versioning = _found(tmp_path, COUNTED, "GDCC-DATA-005")
    assert versioning['aws_s3_bucket.m["x"]'][0] is Status.PASS
    assert versioning['aws_s3_bucket.m["y"]'][0] is Status.PASS


def test_every_instance_named_without_a_key_is_a_candidate(tmp_path: Path) -> None:
    main = """\
resource "aws_s3_bucket" "b" {
  count  = 2
  bucket = "bucket-${count.index}"
}

resource "aws_s3_bucket_versioning" "v" {
  bucket = join("", aws_s3_bucket.b[*].id)
  versioning_configuration {
    status = "Enabled"
  }
}
"""
    found = _found(tmp_path, main, "GDCC-DATA-005")
    # was b[0] PASS (the bare reference read as b[0]), b[1] FAIL
    assert {a: s for a, (s, _) in found.items()} == {
        "aws_s3_bucket.b[0]": Status.UNKNOWN,
        "aws_s3_bucket.b[1]": Status.UNKNOWN,
    }


def test_open_method_of_either_api_passes_neither(tmp_path: Path) -> None:
    apis = "".join(
        f"""
resource "aws_api_gateway_rest_api" "{n}" {{
  name = "{n}"
}}

resource "aws_api_gateway_deployment" "{n}" {{
  rest_api_id = aws_api_gateway_rest_api.{n}.id
}}

resource "aws_api_gateway_stage" "{n}" {{
  rest_api_id   = aws_api_gateway_rest_api.{n}.id
  deployment_id = aws_api_gateway_deployment.{n}.id
  stage_name    = "prod"
}}
"""
        for n in ("a", "b")
    )
    main = """\
variable "on" {
  type = bool
}

resource "aws_api_gateway_method" "open" {
  rest_api_id   = var.on ? aws_api_gateway_rest_api.a.id : aws_api_gateway_rest_api.b.id
  resource_id   = "abc"
  http_method   = "GET"
  authorization = "NONE"
}
""" + apis
    why = (
        "which methods ask for credentials is not known from the input: "
        "aws_api_gateway_method.open lets any caller in and belongs to this API or to another "
        "one, chosen by a value not known before apply"
    )
    # was a FAIL and b PASS "Public API methods require callers to authenticate"
    assert _found(tmp_path, main, "GDCC-NET-005") == {
        "aws_api_gateway_stage.a": (Status.UNKNOWN, why),
        "aws_api_gateway_stage.b": (Status.UNKNOWN, why),
    }



NICS = """\
resource "azurerm_network_security_group" "nsg" {
  name                = "nsg"
  location            = "southeastasia"
  resource_group_name = "rg"
}

resource "azurerm_network_interface" "vm" {
  count               = 2
  name                = "nic-${count.index}"
  location            = "southeastasia"
  resource_group_name = "rg"
  ip_configuration {
    name                          = "ip"
    private_ip_address_allocation = "Dynamic"
  }
}

resource "azurerm_network_interface_security_group_association" "each" {
  count                     = 2
  network_interface_id      = element(azurerm_network_interface.vm[*].id, count.index)
  network_security_group_id = azurerm_network_security_group.nsg.id
}

resource "azurerm_network_interface_security_group_association" "first" {
  count                     = 2
  network_interface_id      = azurerm_network_interface.vm[0].id
  network_security_group_id = azurerm_network_security_group.nsg.id
}
"""


def test_counted_association_configures_the_instance_it_designates(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(NICS, encoding="utf-8")
    found, errors, _ = run(tmp_path)
    assert errors == []
    merged = {
        address: found[address].attributes.get("merged_from")
        for address in ("azurerm_network_interface.vm[0]", "azurerm_network_interface.vm[1]")
    }
    # "first" names vm[0] in both instances (was merged into vm[1] by its second instance)
    assert merged == {
        "azurerm_network_interface.vm[0]": [
            "azurerm_network_interface_security_group_association.each[0]",
            "azurerm_network_interface_security_group_association.first[0]",
            "azurerm_network_interface_security_group_association.first[1]",
        ],
        "azurerm_network_interface.vm[1]": [
            "azurerm_network_interface_security_group_association.each[1]",
        ],
    }


def test_waf_association_of_either_balancer_protects_neither(tmp_path: Path) -> None:
    main = """\
variable "on" {
  type = bool
}

resource "aws_lb" "a" {
  name = "a"
}

resource "aws_lb" "b" {
  name = "b"
}

resource "aws_wafv2_web_acl_association" "w" {
  resource_arn = var.on ? aws_lb.a.arn : aws_lb.b.arn
  web_acl_arn  = "arn:aws:wafv2:ap-southeast-1:111122223333:regional/webacl/x/1"
}
"""
    found = _found(tmp_path, main, "GDCC-NET-003")
    # was a PASS and b FAIL "a public entry point without a web application firewall"
    assert {a: s for a, (s, _) in found.items()} == {
        "aws_lb.a": Status.UNKNOWN,
        "aws_lb.b": Status.UNKNOWN,
    }


def test_a_branch_naming_no_resource_leaves_the_one_referenced_uncertain(
    tmp_path: Path,
) -> None:
    main = """\
variable "create" {
  type = bool
}

variable "existing" {
  type = string
}

resource "aws_s3_bucket" "a" {
  bucket = "bucket-a"
}

resource "aws_s3_bucket_versioning" "v" {
  bucket = var.create ? aws_s3_bucket.a.id : var.existing
  versioning_configuration {
    status = "Enabled"
  }
}
"""
    why = _why(
        "aws_s3_bucket_versioning.v", "bucket", "aws_s3_bucket.a",
        "a value not in the configuration (an input or a literal)",
    )
    # was a PASS: the existing bucket of the input may be the one versioned
    assert _found(tmp_path, main, "GDCC-DATA-005") == {
        "aws_s3_bucket.a": (
            Status.UNKNOWN, f"whether object versioning is on is not known from the input: {why}"
        )
    }
    # the condition known: a is the one versioned
    known = main.replace("type = bool\n", "type    = bool\n  default = true\n", 1)
    assert _found(tmp_path, known, "GDCC-DATA-005")["aws_s3_bucket.a"][0] is Status.PASS


AKS = """\
variable "on" {
  type = bool
}
resource "azurerm_kubernetes_cluster" "a" {
  name                = "a"
  location            = "southeastasia"
  resource_group_name = "rg"
  dns_prefix          = "a"
  default_node_pool {
    name       = "default"
    node_count = 1
    vm_size    = "Standard_D2_v2"
  }
  identity {
    type = "SystemAssigned"
  }
}
resource "azurerm_kubernetes_cluster" "b" {
  name                = "b"
  location            = "southeastasia"
  resource_group_name = "rg"
  dns_prefix          = "b"
  default_node_pool {
    name       = "default"
    node_count = 1
    vm_size    = "Standard_D2_v2"
  }
  identity {
    type = "SystemAssigned"
  }
}
resource "azurerm_kubernetes_cluster_node_pool" "pub" {
  name                  = "pub"
  kubernetes_cluster_id = var.on ? azurerm_kubernetes_cluster.a.id : azurerm_kubernetes_cluster.b.id
  vm_size               = "Standard_D2_v2"
  node_public_ip_enabled = true
}
"""


def test_node_pool_with_public_ips_of_either_cluster_is_on_both(tmp_path: Path) -> None:
    found = _found(tmp_path, AKS, "GDCC-GRAPH-002")
    # b's own nodes are reached (was only through a's nodes: the pool went to a alone)
    assert found["azurerm_kubernetes_cluster.b"] == (
        Status.UNKNOWN,
        "management ports 22, 3389, 5985, 5986, 23, 2375, 2376, 6443, 10250 reachable from the "
        "internet if what is not known allows it: internet → b nodes:22",
    )


PG = """\
variable "on" {
  type = bool
}

resource "azurerm_postgresql_flexible_server" "a" {
  name                = "a"
  resource_group_name = "rg"
  location            = "southeastasia"
  version             = "16"
}

resource "azurerm_postgresql_flexible_server" "b" {
  name                = "b"
  resource_group_name = "rg"
  location            = "southeastasia"
  version             = "16"
}

resource "azurerm_postgresql_flexible_server_configuration" "tls" {
  name      = "ssl_min_protocol_version"
  server_id = (var.on ? azurerm_postgresql_flexible_server.a.id
    : azurerm_postgresql_flexible_server.b.id)
  value     = "TLSv1.1"
}

resource "azurerm_postgresql_flexible_server_configuration" "quiet" {
  name      = "log_connections"
  server_id = (var.on ? azurerm_postgresql_flexible_server.a.id
    : azurerm_postgresql_flexible_server.b.id)
  value     = "off"
}
"""


def test_server_parameter_of_either_server_is_not_known_on_both(tmp_path: Path) -> None:
    # was a FAIL (TLS 1.1) and b PASS on the flexible server defaults (the first reference)
    tls = _found(tmp_path, PG, "GDCC-DATA-009")
    logs = _found(tmp_path, PG, "GDCC-DB-004")
    for server in ("a", "b"):
        address = f"azurerm_postgresql_flexible_server.{server}"
        assert tls[address] == (
            Status.UNKNOWN,
            "the minimum TLS version is not known from the input: "
            "azurerm_postgresql_flexible_server_configuration.tls sets it on this resource or "
            "on another one, chosen by a value not known before apply",
        )
        assert logs[address][0] is Status.UNKNOWN
        assert "azurerm_postgresql_flexible_server_configuration.quiet sets it" in logs[address][1]
