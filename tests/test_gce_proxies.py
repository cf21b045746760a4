"""Google Cloud target proxies are judged on their backend services
(``normalize/terraform/google_proxies.py``): request logging (``log_config.enable``, false by
default) and Cloud Armor (``security_policy``) are backend-service settings reached through
the URL map, exposure comes from the forwarding rules that target the proxy. GDCC-LOG-007,
GDCC-NET-003 and GDCC-GRAPH-013 were UNKNOWN on every proxy; GDCC-ENC-005 (minimum TLS
version) was UNKNOWN on a plain HTTP proxy, which terminates no TLS: NOT_APPLICABLE."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "google_compute_security_policy" "armor" {
  name = "armor"
}

resource "google_compute_backend_service" "guarded" {
  name            = "guarded"
  security_policy = google_compute_security_policy.armor.id
  log_config {
    enable      = true
    sample_rate = 0.5
  }
}

resource "google_compute_backend_service" "bare" {
  name = "bare"
}

resource "google_compute_url_map" "guarded" {
  name            = "guarded"
  default_service = google_compute_backend_service.guarded.id
}

resource "google_compute_url_map" "mixed" {
  name            = "mixed"
  default_service = google_compute_backend_service.guarded.id
  host_rule {
    hosts        = ["*"]
    path_matcher = "all"
  }
  path_matcher {
    name            = "all"
    default_service = google_compute_backend_service.guarded.id
    path_rule {
      paths   = ["/legacy/*"]
      service = google_compute_backend_service.bare.id
    }
  }
}

resource "google_compute_url_map" "elsewhere" {
  name            = "elsewhere"
  default_service = "projects/p/global/backendServices/other"
}

resource "google_compute_target_https_proxy" "guarded" {
  name             = "guarded"
  url_map          = google_compute_url_map.guarded.id
  ssl_certificates = ["projects/p/global/sslCertificates/cert"]
}

resource "google_compute_target_http_proxy" "mixed" {
  name    = "mixed"
  url_map = google_compute_url_map.mixed.id
}

resource "google_compute_target_http_proxy" "elsewhere" {
  name    = "elsewhere"
  url_map = google_compute_url_map.elsewhere.id
}

variable "redirect" {
  type = bool
}

# one URL map or the other: which one is not known
resource "google_compute_target_http_proxy" "choice" {
  name    = "choice"
  url_map = var.redirect ? google_compute_url_map.guarded.id : google_compute_url_map.mixed.id
}

resource "google_compute_global_forwarding_rule" "guarded" {
  name       = "guarded"
  target     = google_compute_target_https_proxy.guarded.id
  port_range = "443"
}

resource "google_compute_global_forwarding_rule" "mixed" {
  name       = "mixed"
  target     = google_compute_target_http_proxy.mixed.id
  port_range = "80"
}

resource "google_compute_global_forwarding_rule" "elsewhere" {
  name                  = "elsewhere"
  load_balancing_scheme = "INTERNAL_SELF_MANAGED"
  target                = google_compute_target_http_proxy.elsewhere.id
  port_range            = "80"
}
"""

RULES = ("GDCC-LOG-007", "GDCC-NET-003", "GDCC-ENC-005", "GDCC-GRAPH-013")


def _scan(tmp_path: Path) -> dict[tuple[str, str], Finding]:
    (tmp_path / "main.tf").write_text(MAIN)
    result = audit([tmp_path], Settings(rule_ids=RULES))
    return {(f.rule_id, f.address or ""): f for f in result.findings}


def test_proxies_are_judged_on_their_backend_services(tmp_path: Path) -> None:
    found = _scan(tmp_path)
    verdicts = {
        (rule, address.rsplit(".", 1)[1]): f.status
        for (rule, address), f in found.items()
        if "proxy" in address
    }
    assert verdicts == {
        ("GDCC-LOG-007", "guarded"): Status.PASS,
        ("GDCC-NET-003", "guarded"): Status.PASS,
        ("GDCC-ENC-005", "guarded"): Status.FAIL,  # no SSL policy: TLS 1.0
        ("GDCC-GRAPH-013", "guarded"): Status.PASS,
        ("GDCC-LOG-007", "mixed"): Status.FAIL,
        ("GDCC-NET-003", "mixed"): Status.FAIL,
        ("GDCC-ENC-005", "mixed"): Status.NOT_APPLICABLE,
        ("GDCC-GRAPH-013", "mixed"): Status.FAIL,
        # its backend is not in the scan; its forwarding rule is internal
        ("GDCC-LOG-007", "elsewhere"): Status.UNKNOWN,
        ("GDCC-NET-003", "elsewhere"): Status.NOT_APPLICABLE,
        ("GDCC-ENC-005", "elsewhere"): Status.NOT_APPLICABLE,
        ("GDCC-GRAPH-013", "elsewhere"): Status.PASS,
        # no forwarding rule in the scan: exposure not known either
        ("GDCC-LOG-007", "choice"): Status.UNKNOWN,
        ("GDCC-NET-003", "choice"): Status.UNKNOWN,
        ("GDCC-ENC-005", "choice"): Status.NOT_APPLICABLE,
        ("GDCC-GRAPH-013", "choice"): Status.UNKNOWN,
    }
    logs = found[("GDCC-LOG-007", "google_compute_target_http_proxy.mixed")]
    assert logs.message is not None
    assert logs.message.en == (
        "access logs are not written (its backend service google_compute_backend_service.bare "
        "writes no request logs: no log_config block (log_config.enable defaults to false))"
    )
    waf = found[("GDCC-NET-003", "google_compute_target_http_proxy.mixed")]
    assert waf.message is not None
    assert waf.message.en == (
        "a public entry point without a web application firewall (its backend service "
        "google_compute_backend_service.bare has no Cloud Armor security policy: "
        "security_policy not set)"
    )
    # the Thai messages give why in Thai too (the English setting words were left as written)
    assert logs.message.th.endswith(
        "(backend service google_compute_backend_service.bare ไม่ได้บันทึก request log: "
        "ไม่มีบล็อก log_config (ค่าเริ่มต้นของ log_config.enable คือ false))"
    )
    assert waf.message.th.endswith(
        "(backend service google_compute_backend_service.bare ไม่มี Cloud Armor security "
        "policy: ไม่ได้กำหนด security_policy)"
    )
    guarded = found[("GDCC-NET-003", "google_compute_target_https_proxy.guarded")]
    assert guarded.evidence["decided_by"] == {
        "waf_enabled": "every backend service has a Cloud Armor security policy: "
        "google_compute_backend_service.guarded"
    }


COUNTED = """\
variable "pick" {
  type = string
}

resource "google_compute_backend_service" "same" {
  for_each = toset(["a", "b"])
  name     = "same-${each.key}"
}

resource "google_compute_backend_service" "differ" {
  for_each = toset(["a", "b"])
  name     = "differ-${each.key}"
  log_config {
    enable = each.key == "a"
  }
}

# a null enable (an optional object attribute not given) is the API's default: false
resource "google_compute_backend_service" "nulled" {
  name = "nulled"
  log_config {
    enable = null
  }
}

resource "google_compute_target_tcp_proxy" "nulled" {
  name            = "nulled"
  backend_service = google_compute_backend_service.nulled.id
}

resource "google_compute_url_map" "same" {
  name            = "same"
  default_service = google_compute_backend_service.same[var.pick].id
}

resource "google_compute_url_map" "differ" {
  name            = "differ"
  default_service = google_compute_backend_service.differ[var.pick].id
}

resource "google_compute_target_http_proxy" "same" {
  name    = "same"
  url_map = google_compute_url_map.same.id
}

resource "google_compute_target_http_proxy" "differ" {
  name    = "differ"
  url_map = google_compute_url_map.differ.id
}
"""


def test_a_backend_picked_among_counted_instances(tmp_path: Path) -> None:
    """A URL map naming one instance of a counted backend service by a key not known
    (``default[keys(var.backends)[0]]``, as terraform-google-modules/lb-http does) is judged
    when every instance agrees, not known otherwise (it was UNKNOWN in both cases)."""
    (tmp_path / "main.tf").write_text(COUNTED)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-LOG-007",)))
    found = {f.address or "": f.status for f in result.findings}
    assert found == {
        "google_compute_target_http_proxy.same": Status.FAIL,
        "google_compute_target_http_proxy.differ": Status.UNKNOWN,
        "google_compute_target_tcp_proxy.nulled": Status.FAIL,
    }


TCP = """\
resource "google_compute_backend_service" "tcp" {
  name     = "tcp"
  protocol = "TCP"
  log_config {
    enable = true
  }
}

resource "google_compute_target_tcp_proxy" "tcp" {
  name            = "tcp"
  backend_service = google_compute_backend_service.tcp.id
}

resource "google_compute_global_forwarding_rule" "tcp" {
  name       = "tcp"
  target     = google_compute_target_tcp_proxy.tcp.id
  port_range = "5432"
}
"""


def test_tcp_proxy_has_no_waf(tmp_path: Path) -> None:
    """A target TCP proxy carries no HTTP: GDCC-NET-003 (WAF) is NOT_APPLICABLE, as for a
    network load balancer (it was UNKNOWN); its logging is its backend service's."""
    (tmp_path / "main.tf").write_text(TCP)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-003", "GDCC-LOG-007")))
    found = {f.rule_id: f for f in result.findings}
    assert {rule: f.status for rule, f in found.items()} == {
        "GDCC-NET-003": Status.NOT_APPLICABLE,
        "GDCC-LOG-007": Status.PASS,
    }
    waf = found["GDCC-NET-003"]
    assert waf.message is not None
    assert "carries no HTTP" in waf.message.en


REDIRECT = """\
resource "google_compute_backend_service" "web" {
  name = "web"
}

resource "google_compute_url_map" "redirect" {
  name = "redirect"
  default_url_redirect {
    https_redirect = true
    strip_query    = false
  }
}

# redirects by default, but a path still reaches a backend over plain HTTP
resource "google_compute_url_map" "partly" {
  name = "partly"
  default_url_redirect {
    https_redirect = true
    strip_query    = false
  }
  host_rule {
    hosts        = ["*"]
    path_matcher = "api"
  }
  path_matcher {
    name            = "api"
    default_service = google_compute_backend_service.web.id
  }
}

# redirects to another host, keeping the scheme (https_redirect is false by default)
resource "google_compute_url_map" "same_scheme" {
  name = "same-scheme"
  default_url_redirect {
    host_redirect = "www.example.com"
    strip_query   = false
  }
}

resource "google_compute_target_http_proxy" "redirect" {
  name    = "redirect"
  url_map = google_compute_url_map.redirect.id
}

resource "google_compute_target_http_proxy" "partly" {
  name    = "partly"
  url_map = google_compute_url_map.partly.id
}

resource "google_compute_target_http_proxy" "same_scheme" {
  name    = "same-scheme"
  url_map = google_compute_url_map.same_scheme.self_link
}
"""


def test_http_proxy_that_only_redirects_to_https(tmp_path: Path) -> None:
    """A target HTTP proxy whose URL map redirects every request to HTTPS
    (``default_url_redirect.https_redirect = true``, nothing else to route by) serves nothing
    over plain HTTP: GDCC-ENC-004 PASS, as for an AWS listener that only redirects (it was
    FAIL, as terraform-google-modules/lb-http's ``https_redirect = true`` proxy). A map that
    still routes a path to a backend, or redirects keeping the scheme, stays FAIL."""
    (tmp_path / "main.tf").write_text(REDIRECT)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-004",)))
    found = {f.address or "": f for f in result.findings}
    assert {address: f.status for address, f in found.items()} == {
        "google_compute_target_http_proxy.redirect": Status.PASS,
        "google_compute_target_http_proxy.partly": Status.FAIL,
        "google_compute_target_http_proxy.same_scheme": Status.FAIL,
    }
    passed = found["google_compute_target_http_proxy.redirect"]
    assert passed.evidence["decided_by"] == {
        "encrypted_in_transit": "its URL map google_compute_url_map.redirect redirects every "
        "request to HTTPS (default_url_redirect.https_redirect = true)"
    }


def test_http_proxy_that_only_redirects_has_no_waf_to_judge(tmp_path: Path) -> None:
    """GDCC-NET-003 on a public redirect-only HTTP proxy was UNKNOWN "whether it is public or
    has a WAF is not known" (it is public; it has no backend to guard): NOT_APPLICABLE, saying
    why. A map that still routes a path to a backend is judged on that backend."""
    rule = """\
resource "google_compute_global_forwarding_rule" "{name}" {{
  name       = "{name}"
  target     = google_compute_target_http_proxy.{name}.id
  port_range = "80"
}}
"""
    main = REDIRECT + rule.format(name="redirect") + rule.format(name="partly")
    (tmp_path / "main.tf").write_text(main)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-003",)))
    found = {f.address or "": f for f in result.findings}
    redirect = found["google_compute_target_http_proxy.redirect"]
    assert redirect.status is Status.NOT_APPLICABLE
    assert redirect.message is not None
    assert redirect.message.en.endswith(
        "its URL map google_compute_url_map.redirect only redirects every request to HTTPS: "
        "it serves nothing and has no backend service to put a Cloud Armor policy on (the "
        "HTTPS entry point it redirects to is judged on its own)"
    )
    # the backend service web has no Cloud Armor policy
    assert found["google_compute_target_http_proxy.partly"].status is Status.FAIL


BUCKETS = """\
resource "google_storage_bucket" "static" {
  name     = "static"
  location = "ASIA-SOUTHEAST1"
}

resource "google_compute_backend_bucket" "static" {
  name        = "static"
  bucket_name = google_storage_bucket.static.name
}

resource "google_compute_url_map" "static" {
  name            = "static"
  default_service = google_compute_backend_bucket.static.id
}

resource "google_compute_target_http_proxy" "external" {
  name    = "external"
  url_map = google_compute_url_map.static.id
}

resource "google_compute_global_forwarding_rule" "external" {
  name                  = "external"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  target                = google_compute_target_http_proxy.external.id
  port_range            = "80"
}

resource "google_compute_target_http_proxy" "internal" {
  name    = "internal"
  url_map = google_compute_url_map.static.id
}

resource "google_compute_global_forwarding_rule" "internal" {
  name                  = "internal"
  load_balancing_scheme = "INTERNAL_MANAGED"
  target                = google_compute_target_http_proxy.internal.id
  port_range            = "80"
}

# no forwarding rule of the scan: which load balancer serves it is not known
resource "google_compute_target_http_proxy" "alone" {
  name    = "alone"
  url_map = google_compute_url_map.static.id
}
"""


def test_backend_bucket_logs_behind_an_external_load_balancer(tmp_path: Path) -> None:
    """"For external Application Load Balancers with backend buckets, logging is
    automatically enabled and cannot be disabled": a backend bucket behind an external
    forwarding rule logs its requests (GDCC-LOG-007 PASS; was UNKNOWN "a backend bucket", as
    on terraform-google-modules/lb-http's bucket examples); behind an internal one, or with
    no forwarding rule in the scan, it stays not known."""
    (tmp_path / "main.tf").write_text(BUCKETS)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-LOG-007",)))
    found = {f.address or "": f for f in result.findings}
    assert {address: f.status for address, f in found.items()} == {
        "google_compute_target_http_proxy.external": Status.PASS,
        "google_compute_target_http_proxy.internal": Status.UNKNOWN,
        "google_compute_target_http_proxy.alone": Status.UNKNOWN,
    }
    assert found["google_compute_target_http_proxy.external"].evidence["decided_by"] == {
        "access_logging": "every backend logs requests: "
        "google_compute_backend_bucket.static"
    }
    internal = found["google_compute_target_http_proxy.internal"].message
    assert internal is not None
    assert internal.en.endswith(
        "request logging of its backend google_compute_backend_bucket.static is not known: "
        "a backend bucket"
    )


ARMOR_NOT_KNOWN = """\
variable "armor" {
  type = string
}

module "armor" {
  source  = "GoogleCloudPlatform/cloud-armor/google"
  version = "~> 5.0"
}

resource "google_compute_backend_service" "from_input" {
  name            = "from-input"
  security_policy = var.armor
}

resource "google_compute_backend_service" "shared" {
  name            = "shared"
  security_policy = module.armor.policy.self_link
}

resource "google_compute_url_map" "from_input" {
  name            = "from-input"
  default_service = google_compute_backend_service.from_input.id
}

resource "google_compute_url_map" "shared" {
  name            = "shared"
  default_service = google_compute_backend_service.shared.id
}

resource "google_compute_url_map" "elsewhere" {
  name            = "elsewhere"
  default_service = "projects/p/global/backendServices/other"
}

resource "google_compute_target_http_proxy" "from_input" {
  name    = "from-input"
  url_map = google_compute_url_map.from_input.id
}

resource "google_compute_target_http_proxy" "shared" {
  name    = "shared"
  url_map = google_compute_url_map.shared.id
}

resource "google_compute_target_http_proxy" "elsewhere" {
  name    = "elsewhere"
  url_map = google_compute_url_map.elsewhere.id
}

resource "google_compute_target_http_proxy" "nowhere" {
  name    = "nowhere"
  url_map = google_compute_url_map.shared.id
}

resource "google_compute_global_forwarding_rule" "from_input" {
  name       = "from-input"
  target     = google_compute_target_http_proxy.from_input.id
  port_range = "80"
}

resource "google_compute_global_forwarding_rule" "shared" {
  name       = "shared"
  target     = google_compute_target_http_proxy.shared.id
  port_range = "80"
}

resource "google_compute_global_forwarding_rule" "elsewhere" {
  name       = "elsewhere"
  target     = google_compute_target_http_proxy.elsewhere.id
  port_range = "80"
}
"""


def test_net003_says_which_of_exposure_and_waf_is_not_known(tmp_path: Path) -> None:
    """GDCC-NET-003 said "whether it is public or has a WAF is not known" on a proxy whose
    external forwarding rule makes it public: only its Cloud Armor policy is not known, and
    the finding now says so, and why (an input, a policy or backend not in the scan)."""
    (tmp_path / "main.tf").write_text(ARMOR_NOT_KNOWN)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-003",)))
    found = {
        f.address.rsplit(".", 1)[1]: f for f in result.findings
        if f.address and "proxy" in f.address
    }
    assert {name: f.status for name, f in found.items()} == dict.fromkeys(
        ("from_input", "shared", "elsewhere", "nowhere"), Status.UNKNOWN
    )
    public = "a public entry point, and whether it has a WAF is not known from the input: "
    armor = "the Cloud Armor security policy of its backend google_compute_backend_service"
    assert found["from_input"].message.en == (
        f"{public}{armor}.from_input is not known: security_policy is set from an input "
        "(var.armor) whose value is not in the scan"
    )
    assert found["shared"].message.en == (
        f"{public}{armor}.shared is not known: security_policy names "
        "module.armor, which is not in the scan"
    )
    assert found["elsewhere"].message.en == (
        f"{public}the backend services it sends to (which hold the Cloud Armor policy) are "
        "not all in the scan: a URL map or backend given by a self link or an input, or "
        "chosen at apply time"
    )
    # no forwarding rule in the scan targets it: its exposure is not known, its WAF is
    assert found["nowhere"].message.en == (
        "neither whether it is public nor whether it has a WAF is known from the input: "
        f"{armor}.shared is not known: security_policy names module.armor, which is not in "
        "the scan"
    )
    assert found["from_input"].message.th.startswith(
        "เป็นจุดเข้าใช้งานสาธารณะ และไม่ทราบจากข้อมูลนำเข้าว่ามี WAF หรือไม่"
    )
    assert found["from_input"].message.th.endswith(
        "security_policy กำหนดจากค่านำเข้า (var.armor) ซึ่งไม่มีค่าในชุดที่ตรวจ"
    )
