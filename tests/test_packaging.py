"""Packaging: the wheel carries rules/ and reports/, installs, and scans from outside the repo."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from gdcc_audit.models.result_layout import expanded

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_installs_and_scans_outside_the_repository(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist),
         str(ROOT)],
        check=True, capture_output=True,
    )
    (wheel,) = dist.glob("gdcc_audit-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True, capture_output=True, text=True,
        ).stdout.strip()
    )
    # Dependencies come from this environment (offline); gdcc_audit itself only from the wheel:
    # a plain path entry does not run this environment's editable-install hooks.
    (site / "_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         "--target", str(site), str(wheel)],
        check=True,
    )
    manifest = tmp_path / "t.yaml"
    manifest.write_text((ROOT / "tests" / "fixtures" / "manifests" / "minimal.yaml").read_text())
    probe = subprocess.run(
        [str(python), "-c", "import gdcc_audit, gdcc_audit.resources as r; "
         "print(gdcc_audit.__file__); print(r.rules_dir()); print(r.reports_dir())"],
        check=True, capture_output=True, text=True, cwd=tmp_path,
    ).stdout.split()
    assert all(str(site) in line for line in probe), probe
    result = subprocess.run(
        [str(python), "-m", "gdcc_audit", "scan", str(manifest), "--format", "json",
         "--fail-on", "none"],
        check=True, capture_output=True, text=True, cwd=tmp_path,
    )
    findings = expanded(json.loads(result.stdout))["findings"]
    assert ("GDCC-NET-001", "web-sg", "FAIL") in {
        (f["rule_id"], f["resource_name"], f["status"]) for f in findings
    }
