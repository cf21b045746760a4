"""The Terraform loader's recursive walkers (``module.null_tests``, ``module.expansion_inputs``,
``origins.sole_input``) were closures calling themselves: each call left a reference cycle
(the function, its cells, what it found) that the paused collector (``gcpause``) kept until
the scan's one collection. One 20 MB file left 518,721 such objects (peak 543 -> 483 MB
without them). They are module functions now: a root module of one file leaves none."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from gdcc_audit import api
from gdcc_audit.settings import Settings

BUCKET = """\
resource "aws_s3_bucket" "b{i}" {{
  count  = var.create ? 1 : 0
  bucket = var.name != null ? var.name : "logs-{i}"
  tags   = length(keys(var.tags)) > 0 ? var.tags : {{ name = "b{i}" }}
  dynamic "logging" {{
    for_each = var.log ? [1] : []
    content {{
      target_bucket = var.env == "prod" ? "audit" : "dev"
    }}
  }}
}}
"""

VARIABLES = """\
variable "create" {
  default = true
}
variable "name" {
  default = null
}
variable "tags" {
  default = {}
}
variable "log" {
  default = false
}
variable "env" {
  default = "dev"
}
"""


def test_loading_one_root_leaves_no_walker_cycles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Twenty buckets whose arguments test inputs (null tests, conditions, a ``count`` and a
    dynamic block's ``for_each``): no function of the loader is left in a reference cycle
    when the graph is built (before: a ``walk`` / ``nested`` pair per resource and more)."""
    (tmp_path / "main.tf").write_text(
        VARIABLES + "".join(BUCKET.format(i=i) for i in range(20)), encoding="utf-8"
    )
    left: list[str] = []
    graph = api.ResourceGraph

    def collecting(*args: object, **kwargs: object) -> object:
        gc.set_debug(gc.DEBUG_SAVEALL)
        try:
            gc.collect()
            left.extend(
                f"{o.__module__}.{o.__qualname__}" for o in gc.garbage
                if type(o).__name__ == "function" and o.__module__.startswith(
                    "gdcc_audit.load.terraform")
            )
        finally:
            gc.set_debug(0)
            gc.garbage.clear()
        return graph(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(api, "ResourceGraph", collecting)
    monkeypatch.setattr(api, "COLLECT_FROM", 10**9)  # the scan's own collection: not run
    gc.collect()  # what earlier tests left
    result = api.audit([tmp_path], Settings(workers=1, cache=False))
    assert len(result.resources) == 20
    assert left == []
