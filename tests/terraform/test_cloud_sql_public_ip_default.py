"""A Cloud SQL instance that does not write ``ip_configuration.ipv4_enabled`` gets a public
IPv4 address (the google provider's default, registry.terraform.io/providers/hashicorp/google/
latest/docs/resources/sql_database_instance#ipv4_enabled): GDCC-NET-002 FAILed it as 'the
endpoint is public' without saying that the verdict rests on the provider default, so the user
could not tell which line to add. Now the finding says 'provider default' and names the
attribute; an instance writing ``ipv4_enabled = true`` (as a block or as an object,
``ip_configuration = { ... }``) FAILs without that label, ``false`` PASSes."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

INSTANCE = """\
resource "google_sql_database_instance" "{name}" {{
  database_version = "POSTGRES_15"
  region           = "asia-southeast1"
  settings {{
    tier = "db-custom-1-3840"
    {ip}
  }}
}}
"""
MAIN = "".join(
    INSTANCE.format(name=name, ip=ip)
    for name, ip in (
        ("unwritten", ""),
        ("no_ipv4_line", "ip_configuration {\n      ssl_mode = \"ENCRYPTED_ONLY\"\n    }"),
        ("written", "ip_configuration {\n      ipv4_enabled = true\n    }"),
        ("as_object", "ip_configuration = {\n      ipv4_enabled = true\n    }"),
        ("private", "ip_configuration {\n      ipv4_enabled = false\n"
         "      private_network = \"projects/p/global/networks/n\"\n    }"),
    )
)
DEFAULT = (
    "the endpoint is public (provider default: 'settings.0.ip_configuration.0.ipv4_enabled' "
    "not set)"
)


def test_cloud_sql_public_ip_default_is_labelled(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-002",), cache=False))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found == {
        "google_sql_database_instance.unwritten": (Status.FAIL, DEFAULT),
        "google_sql_database_instance.no_ipv4_line": (Status.FAIL, DEFAULT),
        "google_sql_database_instance.written": (Status.FAIL, "the endpoint is public"),
        "google_sql_database_instance.as_object": (Status.FAIL, "the endpoint is public"),
        "google_sql_database_instance.private": (
            Status.PASS,
            "Databases and message brokers are not reachable through a public endpoint",
        ),
    }


def test_block_written_as_object_is_not_absent() -> None:
    """``ip_configuration = { ipv4_enabled = true }`` writes the attribute: it is not labelled
    as the provider default (index 0 of a block written as an object is the object)."""
    from gdcc_audit.normalize.defaults import attribute_absent

    values = {"settings": [{"ip_configuration": {"ipv4_enabled": True}}]}
    assert not attribute_absent(values, "settings.0.ip_configuration.0.ipv4_enabled")
    assert attribute_absent(values, "settings.0.ip_configuration.1.ipv4_enabled")
    assert attribute_absent(values, "settings.0.ip_configuration.0.require_ssl")
