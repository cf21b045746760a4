"""Cloud Functions (1st and 2nd gen) and Cloud Run services that anyone on the internet may
invoke FAIL "Functions cannot be invoked by anyone on the internet" (GDCC-CMP-011): an IAM
grant (member, binding, policy) to allUsers or allAuthenticatedUsers, named in the evidence.
They are private by default. A 1st gen HTTP function accepts plain HTTP unless
``https_trigger_security_level = "SECURE_ALWAYS"`` (GDCC-CMP-008, provider default
SECURE_OPTIONAL); 2nd gen functions and Cloud Run serve HTTPS only."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "google_cloudfunctions_function" "open" {
  name         = "open"
  runtime      = "python311"
  trigger_http = true
}

resource "google_cloudfunctions_function_iam_member" "open" {
  cloud_function = google_cloudfunctions_function.open.name
  role           = "roles/cloudfunctions.invoker"
  member         = "allUsers"
}

resource "google_cloudfunctions_function" "secure" {
  name                        = "secure"
  runtime                     = "python311"
  trigger_http                = true
  https_trigger_security_level = "SECURE_ALWAYS"
}

resource "google_cloudfunctions_function_iam_member" "secure" {
  cloud_function = google_cloudfunctions_function.secure.name
  role           = "roles/cloudfunctions.invoker"
  member         = "serviceAccount:caller@p.iam.gserviceaccount.com"
}

resource "google_cloudfunctions2_function" "signed_in" {
  name     = "signed-in"
  location = "asia-southeast1"
}

resource "google_cloudfunctions2_function_iam_binding" "signed_in" {
  cloud_function = google_cloudfunctions2_function.signed_in.name
  role           = "roles/cloudfunctions.invoker"
  members        = ["group:apps@agency.go.th", "allAuthenticatedUsers"]
}

resource "google_cloud_run_service" "run" {
  name     = "run"
  location = "asia-southeast1"
  template {
    spec {
      containers {
        image = "asia-docker.pkg.dev/p/r/app:1.0"
      }
    }
  }
}

resource "google_cloud_run_service_iam_member" "run" {
  service  = google_cloud_run_service.run.name
  location = google_cloud_run_service.run.location
  role     = "roles/run.invoker"
  member   = "allUsers"
}

resource "google_cloud_run_v2_service" "private" {
  name     = "private"
  location = "asia-southeast1"
  template {
    containers {
      image = "asia-docker.pkg.dev/p/r/app:1.0"
    }
  }
}

resource "google_cloud_run_v2_service_iam_policy" "private" {
  name        = google_cloud_run_v2_service.private.name
  location    = google_cloud_run_v2_service.private.location
  policy_data = jsonencode({
    bindings = [{ role = "roles/run.invoker", members = ["user:dev@agency.go.th"] }]
  })
}

variable "invoker" {
  type = string
}

resource "google_cloud_run_v2_service" "from_variable" {
  name     = "from-variable"
  location = "asia-southeast1"
  template {
    containers {
      image = "asia-docker.pkg.dev/p/r/app:1.0"
    }
  }
}

resource "google_cloud_run_v2_service_iam_member" "from_variable" {
  name     = google_cloud_run_v2_service.from_variable.name
  location = google_cloud_run_v2_service.from_variable.location
  role     = "roles/run.invoker"
  member   = var.invoker
}

resource "google_cloudfunctions_function_iam_binding" "elsewhere" {
  cloud_function = "defined-in-another-repository"
  role           = "roles/cloudfunctions.invoker"
  members        = ["allUsers"]
}
"""


def _line(address: str) -> int:
    kind, name = address.split(".")
    return MAIN.splitlines().index(f'resource "{kind}" "{name}" {{') + 1


def _scan(tmp_path: Path, rule: str) -> dict[str, Finding]:
    (tmp_path / "main.tf").write_text(MAIN)
    result = audit([tmp_path], Settings(rule_ids=(rule,)))
    return {f.address or "": f for f in result.findings}


def test_public_invocation(tmp_path: Path) -> None:
    found = _scan(tmp_path, "GDCC-CMP-011")
    assert {address: f.status for address, f in found.items()} == {
        "google_cloudfunctions_function.open": Status.FAIL,
        "google_cloudfunctions_function.secure": Status.PASS,
        "google_cloudfunctions2_function.signed_in": Status.FAIL,
        "google_cloud_run_service.run": Status.FAIL,
        "google_cloud_run_v2_service.private": Status.PASS,
        "google_cloud_run_v2_service.from_variable": Status.UNKNOWN,
        # the grant stands for its function, which is not in the scan
        "google_cloudfunctions_function_iam_binding.elsewhere": Status.FAIL,
    }
    main = tmp_path / "main.tf"
    grant = (
        "roles/run.invoker to allUsers by google_cloud_run_service_iam_member.run "
        f"at {main}:{_line('google_cloud_run_service_iam_member.run')}"
    )
    run = found["google_cloud_run_service.run"]
    assert run.evidence == {"public_access": True, "granted_by": [grant]}
    assert run.message is not None
    assert run.message.en == f"anyone on the internet can access it (granted by {grant})"
    assert found["google_cloudfunctions2_function.signed_in"].evidence["granted_by"] == [
        "roles/cloudfunctions.invoker to allAuthenticatedUsers by "
        "google_cloudfunctions2_function_iam_binding.signed_in "
        f"at {main}:{_line('google_cloudfunctions2_function_iam_binding.signed_in')}"
    ]
    assert found["google_cloud_run_v2_service.private"].evidence == {"public_access": False}


def test_https_only(tmp_path: Path) -> None:
    found = _scan(tmp_path, "GDCC-CMP-008")
    statuses = {a: f.status for a, f in found.items() if f.status != Status.NOT_APPLICABLE}
    assert statuses == {
        "google_cloudfunctions_function.open": Status.FAIL,
        "google_cloudfunctions_function.secure": Status.PASS,
        "google_cloudfunctions2_function.signed_in": Status.PASS,
        "google_cloud_run_service.run": Status.PASS,
        "google_cloud_run_v2_service.private": Status.PASS,
        "google_cloud_run_v2_service.from_variable": Status.PASS,
    }
    message = found["google_cloudfunctions_function.open"].message
    assert message is not None
    assert message.en == (
        "unencrypted connections are accepted "
        "(provider default: 'https_trigger_security_level' not set)"
    )


def test_a_grant_merged_into_its_function_is_judged_by_the_finding(tmp_path: Path) -> None:
    """checkov judges each IAM grant resource on its own; the bridge and the ground-truth
    benchmark read our finding on the function: the grant is FAIL when the finding names it,
    UNKNOWN when its members are not known, PASS when it is not among the deciding grants."""
    from gdcc_audit.bridges.checkov.convert import native_verdict

    found = _scan(tmp_path, "GDCC-CMP-011")
    signed_in = found["google_cloudfunctions2_function.signed_in"]
    grant = "google_cloudfunctions2_function_iam_binding.signed_in"
    assert native_verdict(signed_in, None, grant) == Status.FAIL
    assert native_verdict(signed_in, None, "google_cloudfunctions2_function_iam_member.x") == (
        Status.PASS
    )
    variable = found["google_cloud_run_v2_service.from_variable"]
    assert native_verdict(
        variable, None, "google_cloud_run_v2_service_iam_member.from_variable"
    ) == Status.UNKNOWN
    secure = found["google_cloudfunctions_function.secure"]
    assert native_verdict(secure, None, "google_cloudfunctions_function_iam_member.secure") == (
        Status.PASS
    )


INGRESS = """\
resource "google_cloud_run_v2_service" "internal" {
  name     = "internal"
  location = "asia-southeast1"
  ingress  = "INGRESS_TRAFFIC_INTERNAL_ONLY"
  template {
    containers {
      image = "asia-docker.pkg.dev/p/r/app:1.0"
    }
  }
}

resource "google_cloud_run_v2_service_iam_member" "internal" {
  name     = google_cloud_run_v2_service.internal.name
  location = google_cloud_run_v2_service.internal.location
  role     = "roles/run.invoker"
  member   = "allUsers"
}

resource "google_cloud_run_v2_service" "behind_lb" {
  name     = "behind-lb"
  location = "asia-southeast1"
  ingress  = "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER"
  template {
    containers {
      image = "asia-docker.pkg.dev/p/r/app:1.0"
    }
  }
}

resource "google_cloud_run_v2_service_iam_member" "behind_lb" {
  name     = google_cloud_run_v2_service.behind_lb.name
  location = google_cloud_run_v2_service.behind_lb.location
  role     = "roles/run.invoker"
  member   = "allUsers"
}

resource "google_cloud_run_service" "v1_internal" {
  name     = "v1-internal"
  location = "asia-southeast1"
  metadata {
    annotations = {
      "run.googleapis.com/ingress" = "internal"
    }
  }
  template {
    spec {
      containers {
        image = "asia-docker.pkg.dev/p/r/app:1.0"
      }
    }
  }
}

resource "google_cloud_run_service_iam_member" "v1_internal" {
  service  = google_cloud_run_service.v1_internal.name
  location = google_cloud_run_service.v1_internal.location
  role     = "roles/run.invoker"
  member   = "allUsers"
}

resource "google_cloudfunctions2_function" "everyone" {
  name     = "everyone"
  location = "asia-southeast1"
  service_config {
    ingress_settings = "ALLOW_ALL"
  }
}

resource "google_cloudfunctions2_function_iam_member" "everyone" {
  cloud_function = google_cloudfunctions2_function.everyone.name
  role           = "roles/cloudfunctions.invoker"
  member         = "allUsers"
}

resource "google_cloudfunctions_function" "gen1_internal" {
  name             = "gen1-internal"
  runtime          = "python311"
  trigger_http     = true
  ingress_settings = "ALLOW_INTERNAL_ONLY"
}

resource "google_cloudfunctions_function_iam_member" "gen1_internal" {
  cloud_function = google_cloudfunctions_function.gen1_internal.name
  role           = "roles/cloudfunctions.invoker"
  member         = "allUsers"
}
"""


def test_ingress_decides_whether_a_grant_to_everyone_reaches_the_internet(
    tmp_path: Path,
) -> None:
    """An invoker grant to allUsers on a service whose ingress admits internal traffic only
    opens nothing to the internet (it FAILed); one whose ingress admits Cloud Load Balancing
    is not known (external load balancers may be outside the scan); ALLOW_ALL stays FAIL."""
    (tmp_path / "main.tf").write_text(INGRESS)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-011",)))
    found = {f.address or "": f for f in result.findings}
    assert {a: f.status for a, f in found.items()} == {
        "google_cloud_run_v2_service.internal": Status.PASS,
        "google_cloud_run_v2_service.behind_lb": Status.UNKNOWN,
        "google_cloud_run_service.v1_internal": Status.PASS,
        "google_cloudfunctions2_function.everyone": Status.FAIL,
        "google_cloudfunctions_function.gen1_internal": Status.PASS,
    }
    internal = found["google_cloud_run_v2_service.internal"]
    assert internal.message is not None
    assert internal.message.en == (
        "Functions cannot be invoked by anyone on the internet "
        '(ingress = "INGRESS_TRAFFIC_INTERNAL_ONLY" admits internal traffic only: no request '
        "from the internet reaches it, whoever may invoke it)"
    )
    v1 = found["google_cloud_run_service.v1_internal"]
    assert v1.evidence["decided_by"] == {
        "public_access": 'metadata.annotations.run.googleapis.com/ingress = "internal" admits '
        "internal traffic only: no request from the internet reaches it, whoever may invoke it"
    }
    main = tmp_path / "main.tf"
    line = INGRESS.splitlines().index(
        'resource "google_cloud_run_v2_service_iam_member" "behind_lb" {'
    ) + 1
    behind = found["google_cloud_run_v2_service.behind_lb"]
    assert behind.message is not None
    assert behind.message.en == (
        "whether anyone on the internet can access it is not known from the input: "
        'ingress = "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER" admits external Application Load '
        "Balancers, which may be outside the scan (granted by roles/run.invoker to allUsers by "
        f"google_cloud_run_v2_service_iam_member.behind_lb at {main}:{line})"
    )


IAM_CHECK = """\
resource "google_cloud_run_v2_service" "open" {
  name                 = "open"
  location             = "asia-southeast1"
  invoker_iam_disabled = true
  template {
    containers {
      image = "asia-docker.pkg.dev/p/r/app:1.0"
    }
  }
}

resource "google_cloud_run_service" "v1_open_internal" {
  name     = "v1-open-internal"
  location = "asia-southeast1"
  metadata {
    annotations = {
      "run.googleapis.com/invoker-iam-disabled" = "true"
      "run.googleapis.com/ingress"              = "internal"
    }
  }
  template {
    spec {
      containers {
        image = "asia-docker.pkg.dev/p/r/app:1.0"
      }
    }
  }
}

variable "open" {
  type = bool
}

resource "google_cloud_run_v2_service" "from_variable" {
  name                 = "from-variable"
  location             = "asia-southeast1"
  invoker_iam_disabled = var.open
  template {
    containers {
      image = "asia-docker.pkg.dev/p/r/app:1.0"
    }
  }
}
"""


def test_invoker_iam_check_disabled_is_public(tmp_path: Path) -> None:
    """Disabling the invoker IAM check is "the recommended way to make a public service"
    (cloud.google.com/run/docs/authenticating/public): it PASSed GDCC-CMP-011 (no grant to
    allUsers). Public as far as the ingress admits the internet."""
    (tmp_path / "main.tf").write_text(IAM_CHECK)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-011",)))
    found = {f.address or "": f for f in result.findings}
    assert {a: f.status for a, f in found.items()} == {
        "google_cloud_run_v2_service.open": Status.FAIL,
        "google_cloud_run_service.v1_open_internal": Status.PASS,
        "google_cloud_run_v2_service.from_variable": Status.UNKNOWN,
    }
    open_ = found["google_cloud_run_v2_service.open"]
    assert open_.message is not None
    assert open_.message.en == (
        "anyone on the internet can access it (invoker_iam_disabled = true: anyone may "
        "invoke it without credentials)"
    )
    unknown = found["google_cloud_run_v2_service.from_variable"]
    assert unknown.message is not None
    assert unknown.message.en == (
        "whether anyone on the internet can access it is not known from the input: whether "
        "the invoker IAM check is disabled (invoker_iam_disabled) is not known"
    )


def test_identity_aware_proxy_on_the_service(tmp_path: Path) -> None:
    """A v2 service with ``iap_enabled = true`` signs callers in through Identity-Aware Proxy
    before they reach it: an invoker grant to allUsers no longer makes it public for sure (it
    FAILed); whom IAP admits is not read, so UNKNOWN."""
    (tmp_path / "main.tf").write_text(
        IAM_CHECK.replace("invoker_iam_disabled = true", "invoker_iam_disabled = true\n"
                          "  iap_enabled          = true", 1)
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-011",)))
    found = {f.address or "": f for f in result.findings}
    behind = found["google_cloud_run_v2_service.open"]
    assert behind.status is Status.UNKNOWN
    assert behind.message is not None
    assert behind.message.en.endswith(
        "iap_enabled = true: Identity-Aware Proxy signs callers in first, and whom it admits "
        "is not read"
    )


CROSS_VERSION = """\
resource "google_cloud_run_v2_service" "server" {
  name     = "server"
  location = "asia-southeast1"
  template {
    containers {
      image = "gcr.io/p/server"
    }
  }
}

data "google_iam_policy" "noauth" {
  binding {
    role    = "roles/run.invoker"
    members = ["allUsers"]
  }
}

resource "google_cloud_run_service_iam_policy" "server_noauth" {
  location    = google_cloud_run_v2_service.server.location
  service     = google_cloud_run_v2_service.server.name
  policy_data = data.google_iam_policy.noauth.policy_data
}

resource "google_cloud_run_service" "old" {
  name     = "old"
  location = "asia-southeast1"
  template {
    spec {
      containers {
        image = "gcr.io/p/old"
      }
    }
  }
}

resource "google_cloud_run_v2_service_iam_member" "old" {
  name     = google_cloud_run_service.old.name
  location = google_cloud_run_service.old.location
  role     = "roles/run.invoker"
  member   = "allAuthenticatedUsers"
}
"""


def test_a_grant_of_either_api_version_opens_the_service(tmp_path: Path) -> None:
    """The Cloud Run Admin API v1 and v2 manage the same services: a v1 IAM resource
    (``google_cloud_run_service_iam_*``) on a ``google_cloud_run_v2_service`` opens it, and a
    v2 one on a v1 service. Both services PASSed before (the grant was judged alone, "its
    target outside the scan")."""
    (tmp_path / "main.tf").write_text(CROSS_VERSION)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-011",)))
    found = {f.address or "": f for f in result.findings}
    assert {a: f.status for a, f in found.items()} == {
        "google_cloud_run_v2_service.server": Status.FAIL,
        "google_cloud_run_service.old": Status.FAIL,
    }
    lines = CROSS_VERSION.splitlines()
    policy = lines.index('resource "google_cloud_run_service_iam_policy" "server_noauth" {') + 1
    main = tmp_path / "main.tf"
    assert found["google_cloud_run_v2_service.server"].evidence == {
        "public_access": True,
        "granted_by": [
            "roles/run.invoker to allUsers by google_cloud_run_service_iam_policy.server_noauth "
            f"at {main}:{policy}"
        ],
    }
    member = lines.index('resource "google_cloud_run_v2_service_iam_member" "old" {') + 1
    assert found["google_cloud_run_service.old"].evidence["granted_by"] == [
        "roles/run.invoker to allAuthenticatedUsers by "
        f"google_cloud_run_v2_service_iam_member.old at {main}:{member}"
    ]


GEN2_VIA_RUN = """\
resource "google_cloudfunctions2_function" "annotate" {
  name     = "annotate"
  location = "asia-southeast1"
  build_config {
    runtime     = "python311"
    entry_point = "main"
  }
}

resource "google_cloud_run_service_iam_binding" "annotate" {
  location = google_cloudfunctions2_function.annotate.location
  service  = google_cloudfunctions2_function.annotate.name
  role     = "roles/run.invoker"
  members  = ["allUsers"]
}
"""


def test_a_cloud_run_grant_opens_a_2nd_gen_function(tmp_path: Path) -> None:
    """2nd gen functions "use the Cloud Run Invoker role (roles/run.invoker)", assigned "on
    the Cloud Run service resource" (Cloud Functions, "Authenticate for invocation"): a Cloud
    Run grant naming the function's (= its service's) name opens it. It PASSed before."""
    (tmp_path / "main.tf").write_text(GEN2_VIA_RUN)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-011",)))
    found = {f.address or "": f for f in result.findings}
    assert {a: f.status for a, f in found.items()} == {
        "google_cloudfunctions2_function.annotate": Status.FAIL,
    }
    line = GEN2_VIA_RUN.splitlines().index(
        'resource "google_cloud_run_service_iam_binding" "annotate" {'
    ) + 1
    assert found["google_cloudfunctions2_function.annotate"].evidence["granted_by"] == [
        "roles/run.invoker to allUsers by google_cloud_run_service_iam_binding.annotate "
        f"at {tmp_path / 'main.tf'}:{line}"
    ]
