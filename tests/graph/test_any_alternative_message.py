"""A rule whose check is "A or B" PASSes on the alternative that holds, and its message says
only that alternative. GDCC-GRAPH-013 ("not reachable from the internet, or access logging
on") PASSed an internal Google load balancer whose backend logs nothing with the message
"Internet-facing entry points keep access logs (its backend service ... writes no request
logs ...)": the reason of the alternative that failed was added to a PASS that does not rest
on it. Now the PASS says the entry point is not reachable from the internet, and names no
logging; the public entry point's verdicts are unchanged."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

BACKEND = """\
resource "google_compute_region_health_check" "hc" {{
  name   = "hc"
  region = "asia-southeast1"
  http_health_check {{
    port = 80
  }}
}}

resource "google_compute_region_backend_service" "app" {{
  name                  = "app"
  region                = "asia-southeast1"
  load_balancing_scheme = "{scheme}"
  protocol              = "HTTP"
  health_checks         = [google_compute_region_health_check.hc.id]
{logging}}}

resource "google_compute_region_url_map" "app" {{
  name            = "app"
  region          = "asia-southeast1"
  default_service = google_compute_region_backend_service.app.id
}}

resource "google_compute_region_target_http_proxy" "app" {{
  name    = "app"
  region  = "asia-southeast1"
  url_map = google_compute_region_url_map.app.id
}}

resource "google_compute_forwarding_rule" "app" {{
  name                  = "app"
  region                = "asia-southeast1"
  load_balancing_scheme = "{scheme}"
  port_range            = "80"
  target                = google_compute_region_target_http_proxy.app.id
  network               = "projects/p/global/networks/vpc"
{subnet}}}
"""

LOGS = "  log_config {\n    enable = true\n  }\n"
SUBNET = '  subnetwork            = "projects/p/regions/asia-southeast1/subnetworks/app"\n'
RULES = ("GDCC-GRAPH-013", "GDCC-LOG-007")


def _verdicts(tmp_path: Path, scheme: str, logging: str) -> dict[str, tuple[Status, str]]:
    subnet = SUBNET if scheme == "INTERNAL_MANAGED" else ""
    (tmp_path / "main.tf").write_text(
        BACKEND.format(scheme=scheme, logging=logging, subnet=subnet), encoding="utf-8"
    )
    result = audit([tmp_path], Settings(rule_ids=RULES))
    return {
        f.rule_id: (f.status, f.message.en)
        for f in result.findings
        if f.address == "google_compute_region_target_http_proxy.app"
    }


def test_an_internal_entry_point_passes_for_not_being_reachable(tmp_path: Path) -> None:
    found = _verdicts(tmp_path, "INTERNAL_MANAGED", "")
    status, message = found["GDCC-GRAPH-013"]
    assert status == Status.PASS
    assert message == "it is not reachable from the internet"
    assert "request logs" not in message
    # the per-resource logging rule still says the backend logs nothing
    assert found["GDCC-LOG-007"][0] == Status.FAIL
    assert "writes no request logs" in found["GDCC-LOG-007"][1]


def test_a_public_entry_point_is_judged_by_its_logs(tmp_path: Path) -> None:
    status, message = _verdicts(tmp_path, "EXTERNAL_MANAGED", "")["GDCC-GRAPH-013"]
    assert status == Status.FAIL
    assert message.startswith("it is reachable from the internet: internet → ")
    assert "access logging is off" in message


def test_a_public_entry_point_that_logs_passes_on_its_logs(tmp_path: Path) -> None:
    status, message = _verdicts(tmp_path, "EXTERNAL_MANAGED", LOGS)["GDCC-GRAPH-013"]
    assert status == Status.PASS
    assert message.startswith("access logging is on")
