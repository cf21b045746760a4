"""Cloud Build's ``secret_env`` holds no secret: a step's lists the names of environment
variables filled from ``available_secrets`` (Secret Manager) or a ``secret`` block, and a
``secret`` block's maps those names to KMS ciphertexts. GDCC-SECRET-001 FAILed a trigger
for "a secret written in plain text at 'build.0.step.0.secret_env.0'" (the name ``token``);
now it has no finding (a trigger is judged only when it holds a secret); a secret written
elsewhere in a trigger still FAILs."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TRIGGERS = """\
resource "google_cloudbuild_trigger" "names_only" {
  name = "names-only"
  build {
    step {
      name       = "gcr.io/cloud-builders/git"
      secret_env = ["token"]
      args       = ["-c", "git fetch https://$token@github.com/org/repo"]
    }
    available_secrets {
      secret_manager {
        env          = "token"
        version_name = "projects/p/secrets/github-token/versions/latest"
      }
    }
    secret {
      kms_key_name = "projects/p/locations/global/keyRings/r/cryptoKeys/k"
      secret_env = {
        OTHER = "CiQAo9Kf0Jd2m9hpG7Sx2kLq3Bz8uXvC0nW5aRt1eYyHfQ=="
      }
    }
  }
}

resource "google_cloudbuild_trigger" "plain" {
  name = "plain"
  substitutions = {
    _DB_PASSWORD = "Sup3rS3cretPassw0rd"
  }
  build {
    step {
      name = "gcr.io/cloud-builders/docker"
    }
  }
}
"""


def test_secret_env_names_are_not_secrets(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TRIGGERS)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {f.address: f for f in result.findings}
    # a trigger is judged only when it holds a secret (a type no other rule judges)
    assert "google_cloudbuild_trigger.names_only" not in found
    plain = found["google_cloudbuild_trigger.plain"]
    assert plain.status is Status.FAIL
    assert plain.message is not None
    assert "substitutions._DB_PASSWORD" in plain.message.en
