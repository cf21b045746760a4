"""The pre-commit hook: the real ``pre-commit`` tool in a temporary git repository (offline:
``repo: local`` hooks pointing at the installed gdcc-audit), scanning only what the staged
files need; ``--all-files`` scans everything; one short line per finding."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gdcc_audit.cli.hook import select

GDCC_AUDIT = str(Path(sys.executable).parent / "gdcc-audit")

NET_TF = """resource "aws_security_group" "ssh" {
  name = "ssh"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
"""
APP_TF = """resource "aws_s3_bucket" "open" {
  bucket = "moph-open"
  acl    = "public-read"
}
"""
MANIFEST = """apiVersion: gdcc-audit/v1
kind: Tenant
metadata:
  name: demo-agency
agency:
  name_th: สำนักงานทดสอบ
  name_en: Test Office
systems:
  - id: portal
    name_th: ระบบพอร์ทัล
    name_en: Portal
    security_category: {confidentiality: medium, integrity: medium, availability: low}
    data_classification: internal
    personal_data: false
iac:
  - path: infra/net
    system: portal
"""
HOOKS = """repos:
  - repo: local
    hooks:
      - id: gdcc-audit
        name: gdcc-audit
        entry: {entry} hook
        language: {language}
        files: \\.(tf|tofu|tfvars|ya?ml|json|template)$
        exclude: ^\\.pre-commit-config\\.yaml$
        require_serial: true
"""


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "infra" / "net").mkdir(parents=True)
    (root / "infra" / "app").mkdir(parents=True)
    (root / "infra" / "net" / "main.tf").write_text(NET_TF, encoding="utf-8")
    (root / "infra" / "app" / "main.tf").write_text(APP_TF, encoding="utf-8")
    (root / "tenant.yaml").write_text(MANIFEST, encoding="utf-8")
    (root / "README.md").write_text("not IaC\n", encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, "config", "user.email", "hook@test")
    _git(root, "config", "user.name", "hook test")
    _git(root, "config", "commit.gpgsign", "false")
    return root


def _pre_commit(
    repo: Path, language: str, *args: str, hook_args: str = ""
) -> subprocess.CompletedProcess[str]:
    (repo / ".pre-commit-config.yaml").write_text(
        HOOKS.format(entry=GDCC_AUDIT, language=language).replace(" hook\n", f" hook{hook_args}\n"),
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"),
        "PIP_NO_INDEX": "1",  # offline: nothing may be downloaded
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    assert pre_commit, "pre-commit is a dev dependency"
    return subprocess.run(
        [pre_commit, "run", "--color", "never", *args],
        cwd=repo,
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_staged_module_only_with_its_manifest(repo: Path) -> None:
    _git(repo, "add", "infra/net/main.tf", ".")
    _git(repo, "commit", "-q", "-m", "first", "--no-verify")
    (repo / "infra" / "net" / "main.tf").write_text(NET_TF + "\n# changed\n", encoding="utf-8")
    _git(repo, "add", "infra/net/main.tf")
    run = _pre_commit(repo, "system")
    assert run.returncode == 1, run.stdout + run.stderr
    assert (
        "infra/net/main.tf:1 aws_security_group.ssh GDCC-NET-001"
        " port 22 is open to the whole internet (0.0.0.0/0)" in run.stdout
    )
    # The unchanged module is not scanned.
    assert "aws_s3_bucket.open" not in run.stdout


def test_all_files_scans_everything(repo: Path) -> None:
    _git(repo, "add", ".")
    run = _pre_commit(repo, "system", "--all-files")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "infra/net/main.tf:1 aws_security_group.ssh GDCC-NET-001 " in run.stdout
    assert "infra/app/main.tf:1 aws_s3_bucket.open GDCC-DATA-001 " in run.stdout


def test_nothing_gdcc_reads_staged_passes(repo: Path) -> None:
    _git(repo, "add", "README.md")
    run = _pre_commit(repo, "system")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "(no files to check)Skipped" in run.stdout.replace(".", "")


def test_published_hooks_manifest_is_valid_and_keeps_both_variants() -> None:
    """``language: python`` needs a package index to install itself (not possible offline, so
    not run here); the manifest is checked by pre-commit's own validator."""
    import yaml

    manifest = Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml"
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    assert pre_commit
    check = subprocess.run(
        [pre_commit, "validate-manifest", str(manifest)],
        check=False,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    hooks = {h["id"]: h for h in yaml.safe_load(manifest.read_text(encoding="utf-8"))}
    assert {h["language"] for h in hooks.values()} == {"python", "system"}
    for hook in hooks.values():
        assert hook["entry"].startswith("gdcc-audit hook")
        assert hook.get("pass_filenames", True) is True
        assert hook["require_serial"] is True


def test_select_takes_the_module_folder_and_the_manifest_naming_it(repo: Path) -> None:
    chosen = select(["infra/net/main.tf"], repo)
    assert chosen.paths == [str(repo / "infra" / "net" / "main.tf"), str(repo / "tenant.yaml")]
    assert chosen.manifests == [str(repo / "tenant.yaml")]
    app = select(["infra/app/main.tf"], repo)
    assert app.paths == [str(repo / "infra" / "app" / "main.tf")]
    assert app.manifests == []
    # A changed manifest brings the IaC it names.
    manifest = select(["tenant.yaml"], repo)
    assert manifest.paths == [str(repo / "tenant.yaml"), str(repo / "infra" / "net")]
    assert select(["README.md", "gone.tf"], repo).paths == []


def test_thai_messages(repo: Path) -> None:
    """A failure line says what is wrong (the finding's message), in the language asked: the
    rule's title states the requirement ("storage is not publicly readable") and read like
    good news on a failure line."""
    result = subprocess.run(
        [GDCC_AUDIT, "hook", "--lang", "th", "infra/app/main.tf"],
        check=False,
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "infra/app/main.tf:1 aws_s3_bucket.open GDCC-DATA-001"
        " บุคคลใดบนอินเทอร์เน็ตก็อ่านข้อมูลในที่จัดเก็บนี้ได้"
    ]


def test_hook_ids_and_tenant_context_match_a_full_scan(repo: Path) -> None:
    from gdcc_audit.api import audit
    from gdcc_audit.settings import Settings

    chosen = select(["infra/net/main.tf"], repo)
    focused = audit(
        [Path(p) for p in chosen.paths], Settings(manifest_iac=False, id_base=str(repo))
    )
    full = audit([repo], Settings())
    ids = {r.id for r in focused.resources}
    assert "demo-agency/portal/aws_security_group.infra/net:ssh" in ids
    assert ids <= {r.id for r in full.resources}
    assert not any(r.provider_type == "aws_s3_bucket" for r in focused.resources)


BUCKET_MODULE_TF = """variable "acl" {
  type    = string
  default = "private"
}

resource "aws_s3_bucket" "this" {
  bucket = "moph-site"
  acl    = var.acl
}
"""
LIVE_TF = """module "site" {
  source = "../modules/bucket"
  acl    = "public-read"
}
"""


def test_a_changed_module_is_judged_through_the_roots_that_call_it(repo: Path) -> None:
    # Alone, the module is private by its default; the root that calls it makes it public.
    (repo / "modules" / "bucket").mkdir(parents=True)
    (repo / "modules" / "bucket" / "main.tf").write_text(BUCKET_MODULE_TF, encoding="utf-8")
    (repo / "live").mkdir()
    (repo / "live" / "main.tf").write_text(LIVE_TF, encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "first", "--no-verify")
    changed = BUCKET_MODULE_TF.replace('bucket = "moph-site"', 'bucket = "moph-site-2"')
    (repo / "modules" / "bucket" / "main.tf").write_text(changed, encoding="utf-8")
    _git(repo, "add", "modules/bucket/main.tf")
    alone = _pre_commit(repo, "system")  # without --callers: the module alone, which passes
    assert alone.returncode == 0, alone.stdout + alone.stderr
    run = _pre_commit(repo, "system", hook_args=" --callers")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "modules/bucket/main.tf:6 module.site.aws_s3_bucket.this GDCC-DATA-001 " in run.stdout
    # The module on its own (default acl) does not fail; unrelated modules are not scanned.
    assert "modules/bucket/main.tf:6 aws_s3_bucket.this GDCC-DATA-001" not in run.stdout
    assert "aws_s3_bucket.open" not in run.stdout
    assert "aws_security_group.ssh" not in run.stdout


def test_select_adds_direct_callers_of_a_changed_module_only(repo: Path) -> None:
    (repo / "modules" / "bucket").mkdir(parents=True)
    (repo / "modules" / "bucket" / "main.tf").write_text(BUCKET_MODULE_TF, encoding="utf-8")
    (repo / "live").mkdir()
    (repo / "live" / "main.tf").write_text(LIVE_TF, encoding="utf-8")
    (repo / "env").mkdir()  # calls live, which calls the module: not followed
    (repo / "env" / "main.tf").write_text('module "live" {\n  source = "../live"\n}\n')
    (repo / "other").mkdir()  # a provisioner's ./file source is not a module call of it
    (repo / "other" / "main.tf").write_text('# source = "./x"\n')
    chosen = select(["modules/bucket/main.tf"], repo, with_callers=True)
    assert chosen.paths == [
        str(repo / "modules" / "bucket" / "main.tf"),
        str(repo / "live" / "main.tf"),
    ]
    assert select(["modules/bucket/main.tf"], repo).paths == [
        str(repo / "modules" / "bucket" / "main.tf")
    ]
    assert select(["live/main.tf"], repo, with_callers=True).paths == [
        str(repo / "live" / "main.tf"),
        str(repo / "env" / "main.tf"),
    ]
    app = select(["infra/app/main.tf"], repo, with_callers=True)
    assert app.paths == [str(repo / "infra" / "app" / "main.tf")]


@pytest.mark.parametrize("layout", ["1.1", "1.0"])
def test_a_saved_result_of_either_layout_is_a_baseline_for_the_hook(
    repo: Path, layout: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from gdcc_audit.api import audit
    from gdcc_audit.cli.app import run
    from gdcc_audit.report.json import result_to_json
    from gdcc_audit.settings import Settings

    changed = str(repo / "infra" / "net" / "main.tf")
    assert run(["hook", "--root", str(repo), changed]) == 1
    assert "aws_security_group.ssh GDCC-NET-001" in capsys.readouterr().out
    targets = [Path(p) for p in select([changed], repo).paths]  # what the hook scans
    before = audit(targets, Settings(id_base=str(repo), manifest_iac=False))
    assert {f.rule_id for f in before.findings if f.is_failure} >= {"GDCC-NET-001"}
    saved = repo.parent / f"baseline-{layout}.json"
    saved.write_text(result_to_json(before, layout=layout), encoding="utf-8")
    assert run(["hook", "--root", str(repo), "--baseline", str(saved), changed]) == 0
    capsys.readouterr()
