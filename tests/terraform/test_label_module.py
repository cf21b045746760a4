"""Cloud Posse's null label (``cloudposse/label/null``), not downloaded, still gives its
``enabled`` (``load/terraform/known_modules.py``): ``count = module.this.enabled ? 1 : 0``
is 1 with the label's defaults, and a policy document counted that way is rendered. Before,
every such count was unknown: the bucket policy's document was not rendered and a bucket
readable by everyone was UNKNOWN on GDCC-DATA-001."""

from __future__ import annotations

import shutil
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).parent.parent / "fixtures" / "cloudposse_label"
RULES = Settings(rule_ids=("GDCC-DATA-001",))


def _verdicts(root: Path) -> dict[str, tuple[Status, str]]:
    return {f.address or "": (f.status, f.message.en) for f in audit([root], RULES).findings}


def test_label_defaults_enable_the_module() -> None:
    found = _verdicts(FIXTURE)
    assert found["aws_s3_bucket.default[0]"] == (
        Status.FAIL, "anyone on the internet can read this store"
    )
    # a second label given the first one's context is enabled with it
    assert found["aws_s3_bucket.logs[0]"][0] is Status.PASS
    assert set(found) == {"aws_s3_bucket.default[0]", "aws_s3_bucket.logs[0]"}


def test_label_disabled_by_the_caller(tmp_path: Path) -> None:
    root = tmp_path / "root"
    shutil.copytree(FIXTURE, root)
    (root / "terraform.tfvars").write_text("enabled = false\n", encoding="utf-8")
    assert _verdicts(root) == {}


def test_label_disabled_through_its_context(tmp_path: Path) -> None:
    root = tmp_path / "root"
    shutil.copytree(FIXTURE, root)
    (root / "terraform.tfvars").write_text(
        "context = { enabled = false }\n", encoding="utf-8"
    )
    assert _verdicts(root) == {}


def test_label_enabled_not_known(tmp_path: Path) -> None:
    root = tmp_path / "root"
    shutil.copytree(FIXTURE, root)
    text = (root / "context.tf").read_text(encoding="utf-8")
    # an input without a default or value: the label's enabled cannot be known
    (root / "context.tf").write_text(
        text.replace("  type    = bool\n  default = null\n", "  type = bool\n"),
        encoding="utf-8",
    )
    found = _verdicts(root)
    assert found["aws_s3_bucket.default"] == (Status.UNKNOWN, "public access is not known")


def test_other_registry_modules_stay_unknown(tmp_path: Path) -> None:
    root = tmp_path / "root"
    shutil.copytree(FIXTURE, root)
    text = (root / "context.tf").read_text(encoding="utf-8")
    (root / "context.tf").write_text(
        text.replace("cloudposse/label/null", "example/label/null"), encoding="utf-8"
    )
    assert _verdicts(root)["aws_s3_bucket.default"][0] is Status.UNKNOWN
