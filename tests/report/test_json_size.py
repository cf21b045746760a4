"""Size of the default JSON result per resource on a generated tenant (not timed): layout 1.1
stays under 1 KB per added resource and well under layout 1.0."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.result import AuditResult
from gdcc_audit.report.json import result_to_json
from gdcc_audit.report.redact import redact_result
from gdcc_audit.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def _generate(out: Path, resources: int) -> Path:
    spec = importlib.util.spec_from_file_location(
        "gen_synthetic", ROOT / "benchmarks" / "gen_synthetic.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(out, resources, 200, 10, False)
    return out


def _sizes(result: AuditResult) -> tuple[int, int]:
    return (
        len(result_to_json(result).encode()),
        len(result_to_json(result, layout="1.0").encode()),
    )


def test_default_json_is_under_1_kb_per_resource(tmp_path: Path) -> None:
    settings = Settings(now="2026-11-23T00:00:00Z", cache=False)  # type: ignore[arg-type]
    small = audit([_generate(tmp_path / "small", 100)], settings)
    large = audit([_generate(tmp_path / "large", 300)], settings)
    assert (len(small.resources), len(large.resources)) == (100, 300)
    (small_new, small_old), (large_new, large_old) = _sizes(small), _sizes(large)
    per_resource_new = (large_new - small_new) / 200
    per_resource_old = (large_old - small_old) / 200
    # measured 2026-12-04: about 720 (1.1) and 2,050 (1.0) bytes per added resource
    print(f"bytes per added resource: 1.1 {per_resource_new:.0f}, 1.0 {per_resource_old:.0f}")
    assert per_resource_new < 1_000
    assert per_resource_new < 0.5 * per_resource_old
    # the reading is exact however small the file
    text = result_to_json(large, full_findings=True, full_graph=True)
    assert AuditResult.model_validate_json(text) == redact_result(large)
