"""A companion whose target argument chooses between an input and a resource (issue 12).

``bucket = coalesce(var.bucket, aws_s3_bucket.b.id)`` configures ``b`` only when the input is
null: an input that may be set (a root variable without default, a module input given a
value not known) may name a bucket outside the configuration, so a protective companion
must not certify ``b`` nor a harmful one be sure to expose it; an input known to be null
(its default, no caller setting it) leaves ``b`` certain, and an input known to hold a name
makes the companion configure that bucket, not ``b``. ``try``, ``lookup``, ``one`` and a
local value written so are read the same way. The lookup took the reference as certain.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

BEYOND = "a value not in the configuration (an input or a literal)"
VERSIONING_OFF = (Status.FAIL, "object versioning is off")

BUCKET = """\
resource "aws_s3_bucket" "b" {
  bucket = "bucket-b"
}
"""


def _versioning(name: str, bucket: str) -> str:
    return f"""
resource "aws_s3_bucket_versioning" "{name}" {{
  bucket = {bucket}
  versioning_configuration {{
    status = "Enabled"
  }}
}}
"""


def _found(folder: Path, files: dict[str, str], rule: str) -> dict[str, tuple[Status, str]]:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=(rule,)))
    return {(f.address or ""): (f.status, f.message.en) for f in result.findings}


def _unknown(source: str, bucket: str = "aws_s3_bucket.b") -> tuple[Status, str]:
    fact = "whether object versioning is on"
    why = (
        f"{source} configures one of several resources, chosen by a value not known before "
        f"apply (bucket: {bucket} or {BEYOND}): it may or may not apply to this one"
    )
    return Status.UNKNOWN, f"{fact} is not known from the input: {why}"


def _variable(name: str, default: str | None = None) -> str:
    body = f"\n  default = {default}\n" if default is not None else "\n"
    return f'variable "{name}" {{{body}}}\n'


def test_coalesce_with_an_input_that_may_be_set_certifies_nothing(tmp_path: Path) -> None:
    main = (
        _variable("bucket") + BUCKET
        + _versioning("v", "coalesce(var.bucket, aws_s3_bucket.b.id)")
    )
    # was PASS: the input, when set, names another bucket, versioned instead of b
    assert _found(tmp_path, {"main.tf": main}, "GDCC-DATA-005") == {
        "aws_s3_bucket.b": _unknown("aws_s3_bucket_versioning.v")
    }


def test_coalesce_with_an_input_null_by_default_is_certain(tmp_path: Path) -> None:
    main = (
        _variable("bucket", "null") + BUCKET
        + _versioning("v", "coalesce(var.bucket, aws_s3_bucket.b.id)")
    )
    found = _found(tmp_path, {"main.tf": main}, "GDCC-DATA-005")
    assert found["aws_s3_bucket.b"][0] is Status.PASS


def test_coalesce_with_an_input_holding_a_name_configures_that_bucket(tmp_path: Path) -> None:
    main = (
        _variable("bucket", '"existing-logs"') + BUCKET
        + _versioning("v", "coalesce(var.bucket, aws_s3_bucket.b.id)")
    )
    # was PASS: the versioning is the existing bucket's, b keeps none
    assert _found(tmp_path, {"main.tf": main}, "GDCC-DATA-005") == {
        "aws_s3_bucket.b": VERSIONING_OFF
    }


def test_a_harmful_companion_of_a_named_input_leaves_the_resource(tmp_path: Path) -> None:
    main = _variable("bucket", '"existing-logs"') + BUCKET + """
resource "aws_s3_bucket_policy" "p" {
  bucket = coalesce(var.bucket, aws_s3_bucket.b.id)
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }]
  })
}
"""
    found = _found(tmp_path, {"main.tf": main}, "GDCC-DATA-001")
    # was FAIL: the public policy is the existing bucket's
    assert found["aws_s3_bucket.b"][0] is Status.PASS
    unset = main.replace('default = "existing-logs"', "type = string")
    assert _found(tmp_path, {"main.tf": unset}, "GDCC-DATA-001") == {
        "aws_s3_bucket.b": (
            Status.UNKNOWN,
            "public access is not known: aws_s3_bucket_policy.p configures one of several "
            f"resources, chosen by a value not known before apply (bucket: aws_s3_bucket.b or "
            f"{BEYOND}): it may or may not apply to this one",
        )
    }


def test_try_lookup_one_and_a_local_value_choosing_an_input(tmp_path: Path) -> None:
    cases = {
        "t": "try(var.config.bucket, aws_s3_bucket.b.id)",
        "l": 'lookup(var.buckets, "logs", aws_s3_bucket.b.id)',
        "o": "one(concat(var.ids, [aws_s3_bucket.b.id]))",
        "c": "local.bucket",
    }
    inputs = "".join(_variable(name) for name in ("config", "buckets", "ids", "bucket"))
    local = "locals {\n  bucket = var.bucket != null ? var.bucket : aws_s3_bucket.b.id\n}\n"
    for name, bucket in cases.items():
        main = inputs + local + BUCKET + _versioning(name, bucket)
        folder = tmp_path / name
        # was PASS (t: FAIL, the reference after an input not followed)
        assert _found(folder, {"main.tf": main}, "GDCC-DATA-005") == {
            "aws_s3_bucket.b": _unknown(f"aws_s3_bucket_versioning.{name}")
        }, name


def test_try_of_a_whole_input_is_the_input(tmp_path: Path) -> None:
    # ``var.bucket`` never fails (null at worst, which try gives): b is never the value
    main = _variable("bucket") + BUCKET + _versioning("v", "try(var.bucket, aws_s3_bucket.b.id)")
    assert _found(tmp_path, {"main.tf": main}, "GDCC-DATA-005") == {
        "aws_s3_bucket.b": VERSIONING_OFF
    }


MODULE = BUCKET + _variable("bucket_id", "null") + _versioning(
    "v", "coalesce(var.bucket_id, aws_s3_bucket.b.id)"
)


def test_a_module_input_decides_as_its_caller_sets_it(tmp_path: Path) -> None:
    unset = 'module "m" {\n  source = "./mod"\n}\n'
    found = _found(tmp_path, {"main.tf": unset, "mod/main.tf": MODULE}, "GDCC-DATA-005")
    assert found["module.m.aws_s3_bucket.b"][0] is Status.PASS
    given = _variable("existing") + (
        'module "m" {\n  source    = "./mod"\n  bucket_id = var.existing\n}\n'
    )
    # was PASS: the caller's bucket, not in the configuration, may be the one versioned
    assert _found(tmp_path, {"main.tf": given, "mod/main.tf": MODULE}, "GDCC-DATA-005") == {
        "module.m.aws_s3_bucket.b": _unknown(
            "module.m.aws_s3_bucket_versioning.v", "module.m.aws_s3_bucket.b"
        )
    }


def test_a_module_input_set_by_a_choosing_argument(tmp_path: Path) -> None:
    module = _versioning("v", "var.bucket_id") + 'variable "bucket_id" {\n}\n'
    root = _variable("existing") + BUCKET + (
        'module "m" {\n  source    = "./mod"\n'
        "  bucket_id = coalesce(var.existing, aws_s3_bucket.b.id)\n}\n"
    )
    # was PASS: the caller's input, when set, names a bucket outside the configuration
    assert _found(tmp_path, {"main.tf": root, "mod/main.tf": module}, "GDCC-DATA-005") == {
        "aws_s3_bucket.b": _unknown("module.m.aws_s3_bucket_versioning.v")
    }
    pinned = root.replace("coalesce(var.existing, aws_s3_bucket.b.id)", "aws_s3_bucket.b.id")
    found = _found(tmp_path, {"main.tf": pinned, "mod/main.tf": module}, "GDCC-DATA-005")
    assert found["aws_s3_bucket.b"][0] is Status.PASS


AKS = """\
resource "azurerm_kubernetes_cluster" "k" {
  count               = 2
  name                = "k${count.index}"
  location            = "southeastasia"
  resource_group_name = "rg"
  dns_prefix          = "k${count.index}"
  default_node_pool {
    name       = "default"
    node_count = 1
    vm_size    = "Standard_D2_v2"
  }
  identity {
    type = "SystemAssigned"
  }
}
"""


def _audit_setting(target: str, count: str = "") -> str:
    return f"""
resource "azurerm_monitor_diagnostic_setting" "audit" {{{count}
  name                       = "audit"
  target_resource_id         = {target}
  log_analytics_workspace_id = "ws"
  enabled_log {{
    category = "kube-audit-admin"
  }}
}}
"""


def test_an_azure_diagnostic_setting_chooses_its_target_too(tmp_path: Path) -> None:
    chosen = _variable("existing") + AKS + _audit_setting(
        "coalesce(var.existing, azurerm_kubernetes_cluster.k[0].id)"
    )
    found = _found(tmp_path, {"main.tf": chosen}, "GDCC-CLU-003")
    # was PASS: the setting may send another cluster's audit log
    assert found["azurerm_kubernetes_cluster.k[0]"][0] is Status.UNKNOWN
    counted = AKS + _audit_setting(
        "element(azurerm_kubernetes_cluster.k[*].id, count.index)", "\n  count = 1"
    )
    found = _found(tmp_path, {"main.tf": counted}, "GDCC-CLU-003")
    # was UNKNOWN on both (the splat names every instance): k[0] is the one
    assert found["azurerm_kubernetes_cluster.k[0]"][0] is Status.PASS
    assert found["azurerm_kubernetes_cluster.k[1]"][0] is Status.FAIL
