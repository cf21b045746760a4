"""Settings of one audit run. Immutable; the CLI and the API build them, stages only read them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field, model_validator

from gdcc_audit.models.common import FrozenModel, Severity

#: Files larger than this are not read (not assessed, with the reason).
DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024
#: YAML/JSON node budget per file: bounds alias expansion (billion laughs) and huge documents.
DEFAULT_MAX_NODES = 2_000_000
#: HCL syntax nodes (tree-sitter's, tokens included) allowed per byte of ``max_file_bytes``:
#: the per-file node cap is tied to the size cap. Ordinary HCL has 0.27 nodes per byte on
#: average and at most 0.51 (908 corpus files over 2 KB; the synthetic 20 MB tenant 0.34), so
#: a file under the size cap never reaches it; dense text such as ``[1,1,1,...]`` (2 nodes per
#: byte) stops there. Past it the rest of the file is not assessed (reported with its line).
HCL_NODES_PER_BYTE = 0.6
#: The HCL node cap of the default size cap (12,582,912 nodes for 20 MiB).
DEFAULT_MAX_HCL_NODES = int(DEFAULT_MAX_FILE_BYTES * HCL_NODES_PER_BYTE)
#: Longest string literal read from a file (1 MiB); a longer one's value is unknown.
DEFAULT_MAX_STRING = 1024 * 1024
#: Nesting depth limit of every input (YAML/JSON collections, HCL blocks and expressions):
#: deeper input is reported, never a crash. Real templates stay under 20 levels; the limit
#: keeps the readers, which recurse, well inside Python's recursion limit.
DEFAULT_MAX_DEPTH = 64

#: Regions known to be located in Thailand, per provider. ``*`` means every region of that
#: provider (GDCC's own cloud is in Thailand by definition). Only Huawei Cloud Bangkok
#: (ap-southeast-2) is confirmed by the sources in thai-standards.md; AWS ap-southeast-7
#: (Asia Pacific, Thailand) is AWS's published Bangkok region. Extend with ``--thai-region``.
DEFAULT_THAI_REGIONS: dict[str, tuple[str, ...]] = {
    "gdcc": ("*",),
    "aws": ("ap-southeast-7",),
    "huaweicloud": ("ap-southeast-2",),
}


#: Settings that change how a run is done, not what it finds: left out of the saved result.
RUN_OPTIONS = frozenset({"cache", "cache_dir", "workers"})


class Settings(FrozenModel):
    """What to scan for and how. Every field has a safe default."""

    lang: str = Field(default="en", pattern=r"^(th|en)$")
    fail_on: Severity = Severity.HIGH
    rule_ids: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    min_severity: Severity | None = None
    frameworks: tuple[str, ...] = ()
    thai_regions: dict[str, tuple[str, ...]] = Field(
        default_factory=lambda: dict(DEFAULT_THAI_REGIONS)
    )
    rule_parameters: dict[str, dict[str, Any]] = Field(default_factory=dict)
    var_files: tuple[str, ...] = ()
    now: dt.datetime | None = Field(
        default=None, description="Audit time; defaults to the current time (UTC)"
    )
    max_file_bytes: int = Field(default=DEFAULT_MAX_FILE_BYTES, gt=0)
    max_yaml_nodes: int = Field(default=DEFAULT_MAX_NODES, gt=0)
    max_depth: int = Field(default=DEFAULT_MAX_DEPTH, gt=0, le=100)
    max_hcl_nodes: int = Field(
        default=DEFAULT_MAX_HCL_NODES,
        gt=0,
        description="HCL syntax nodes per file; when not given, 0.6 per byte of max_file_bytes",
    )
    max_string_bytes: int = Field(default=DEFAULT_MAX_STRING, gt=0)
    waiver_files: tuple[str, ...] = Field(
        default=(), description="Waiver files applied besides those the manifests name"
    )
    baseline: str | None = Field(
        default=None,
        description="A saved JSON result: findings already failing in it do not count for fail_on",
    )

    manifest_iac: bool = Field(
        default=True,
        description="Scan the IaC folders the manifests name (the pre-commit hook turns it off: "
        "it names the changed modules itself; the manifests still give them their tenant)",
    )
    id_base: str | None = Field(
        default=None,
        description="Folder resource ids are relative to (default: the scanned folder holding "
        "each file); the pre-commit hook sets the repository root so ids match a full scan",
    )
    checkov: str | None = Field(
        default=None,
        description="Run the checkov bridge: 'auto' (checkov next to this Python or on PATH) "
        "or the path of a checkov executable or of its virtual environment",
    )
    checkov_timeout: float = Field(
        default=900.0, gt=0, description="Seconds checkov may run before it is stopped"
    )
    cache: bool = Field(
        default=True,
        description="Reuse parse results cached by content hash (scan --no-cache: off)",
    )
    cache_dir: str | None = Field(
        default=None,
        description="Parse cache folder (default: $GDCC_AUDIT_CACHE_DIR, else the user cache)",
    )
    exclude: tuple[str, ...] = Field(
        default=(),
        description="Glob patterns of files and folders not to scan: a pattern without '/' "
        "matches a file or folder name anywhere, one with '/' the path below the scanned folder",
    )
    workers: int = Field(
        default=0,
        ge=0,
        description="Processes that parse files and evaluate rules: 0 chooses (one for a few "
        "files or resources, the CPU count for many), 1 does everything in this process",
    )

    @model_validator(mode="before")
    @classmethod
    def _node_cap_follows_size_cap(cls, data: Any) -> Any:
        """A size cap given without a node cap sets the node cap to 0.6 nodes per byte of it."""
        if isinstance(data, dict) and "max_file_bytes" in data and "max_hcl_nodes" not in data:
            size = data["max_file_bytes"]
            if isinstance(size, int) and not isinstance(size, bool) and size > 0:
                return {**data, "max_hcl_nodes": max(1, int(size * HCL_NODES_PER_BYTE))}
        return data

    def audit_time(self) -> dt.datetime:
        """The moment the audit is judged at (evidence ageing uses its date)."""
        return self.now or dt.datetime.now(dt.UTC)

    def region_in_thailand(self, provider: str, region: str | None) -> bool | None:
        """Whether a provider's region is in Thailand; None when the region is not known."""
        allowed = self.thai_regions.get(provider, ())
        if "*" in allowed:
            return True
        if region is None:
            return None
        return region in allowed
