"""GDCC-DNS-002 on private hosted zones: their queries are logged by the networks that ask
them (Route 53 Resolver query logging on a VPC, a Cloud DNS server policy with
``enable_logging``), not by the zone. A private zone on a network outside the scan FAILed
"access logging is off" although its network's logging is set where that network is made;
now UNKNOWN saying so. A zone on a network of the scan with no logging still FAILs, and the
message names the network."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).parent.parent / "fixtures" / "terraform" / "private_dns_logging"
NOT_KNOWN = (
    "whether access logging is on is not known from the input: a private zone's queries are "
    "logged by query logging of the networks that ask them ({setting}), set where the network "
    "is made; its network is given by a value not known from the scan (an input, or another "
    "configuration's)"
)
LOGGED = (Status.PASS, "DNS queries are logged")


def _findings(folder: str) -> dict[str, tuple[Status, str]]:
    result = audit([FIXTURES / folder], Settings(rule_ids=("GDCC-DNS-002",)))
    return {f.address or "": (f.status, f.message.en) for f in result.findings}


def test_route53_private_zones_are_judged_by_their_vpcs_resolver_logging() -> None:
    setting = "aws_route53_resolver_query_log_config_association"
    found = _findings("aws")
    assert found["aws_route53_zone.internal"] == (
        Status.FAIL,
        f"access logging is off (no {setting} of the scanned configuration names its network "
        "aws_vpc.app: queries from it are not logged (off by default))",
    )
    assert found["aws_route53_zone.shared"] == (Status.UNKNOWN, NOT_KNOWN.format(setting=setting))
    # a VPC id from an input cannot be matched to the association naming the same input
    # (block values keep no expression): not known, never a PASS guessed from the name
    assert found["aws_route53_zone.logged_elsewhere"][0] is Status.UNKNOWN
    assert found["aws_route53_zone.ops"] == LOGGED
    # a public zone logs through its own query log only
    assert found["aws_route53_zone.public"] == (Status.FAIL, "access logging is off")


def test_cloud_dns_private_zones_are_judged_by_their_networks_server_policy() -> None:
    setting = "google_dns_policy with enable_logging"
    found = _findings("google")
    assert found["google_dns_managed_zone.internal"] == (
        Status.FAIL,
        f"access logging is off (no {setting} of the scanned configuration names its network "
        "google_compute_network.app: queries from it are not logged (off by default))",
    )
    assert found["google_dns_managed_zone.shared"] == (
        Status.UNKNOWN, NOT_KNOWN.format(setting=setting)
    )
    assert found["google_dns_managed_zone.logged_elsewhere"][0] is Status.UNKNOWN
    assert found["google_dns_managed_zone.ops"] == LOGGED


def test_a_network_of_a_module_not_read_leaves_it_unknown() -> None:
    found = _findings("module_network")
    assert found["google_dns_managed_zone.internal"] == (
        Status.UNKNOWN,
        "whether access logging is on is not known from the input: a google_dns_policy with "
        "enable_logging naming its network may be declared in a part of the configuration not "
        "scanned (module.vpc (terraform-google-modules/network/google): remote source: not "
        "downloaded)",
    )


def test_a_module_not_read_is_named_in_thai_in_the_thai_message() -> None:
    """The Thai message named the setting ('google_dns_policy with enable_logging') and why
    the module was not read ('remote source: not downloaded') in English."""
    result = audit([FIXTURES / "module_network"], Settings(rule_ids=("GDCC-DNS-002",)))
    found = {f.address: f for f in result.findings}
    message = found["google_dns_managed_zone.internal"].message
    assert message is not None
    assert message.th == (
        "ไม่ทราบจากข้อมูลนำเข้าว่าเปิดการบันทึก log การเข้าถึงหรือไม่: อาจมี google_dns_policy "
        "ที่เปิด enable_logging ที่ระบุเครือข่ายของโซนนี้ในส่วนของการตั้งค่าที่ไม่ได้ตรวจ "
        "(module.vpc (terraform-google-modules/network/google): "
        "โมดูลจากแหล่งภายนอกไม่ได้ดาวน์โหลดมา)"
    )


def test_a_private_zone_visible_to_no_network_says_so(tmp_path: Path) -> None:
    # terraform-google-modules/cloud-dns at its defaults: the private zone's
    # private_visibility_config is made only for networks given (none): it FAILed with no
    # reason
    (tmp_path / "main.tf").write_text("""\
variable "networks" {
  type    = list(string)
  default = []
}
resource "google_dns_managed_zone" "private" {
  name       = "internal"
  dns_name   = "internal.example."
  visibility = "private"
  dynamic "private_visibility_config" {
    for_each = length(var.networks) > 0 ? [1] : []
    content {
      dynamic "networks" {
        for_each = toset(var.networks)
        content {
          network_url = networks.value
        }
      }
    }
  }
}
""", encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DNS-002",)))
    (found,) = result.findings
    assert (found.status, found.message.en) == (
        Status.FAIL,
        "access logging is off (it is visible to no network (private_visibility_config names "
        "none), so no google_dns_policy with enable_logging logs its queries)",
    )
    assert "private_visibility_config" in found.message.th
