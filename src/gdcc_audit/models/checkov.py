"""What the checkov bridge adds to a result: the run itself and the failures it could not map."""

from __future__ import annotations

from pydantic import Field

from gdcc_audit.models.common import FrozenModel
from gdcc_audit.models.location import SourceLocation


class UnmappedCheck(FrozenModel):
    """A checkov failure whose check is in no reviewed table: reported, never scored."""

    check_id: str
    check_name: str
    framework: str = Field(description="checkov's framework (terraform, kubernetes, secrets...)")
    resource: str = Field(description="checkov's own name for the resource")
    resource_id: str | None = Field(
        default=None, description="The gdcc-audit resource it was matched to, when one was"
    )
    location: SourceLocation | None = None


class CheckovRun(FrozenModel):
    """One bridged checkov run: how it went and what it contributed."""

    executable: str
    version: str | None = None
    paths: tuple[str, ...] = ()
    seconds: float = 0.0
    error: str | None = Field(
        default=None,
        description="Why checkov gave no usable result (crash, timeout, malformed JSON); the "
        "native results stand and the affected files are listed as partially assessed",
    )
    bridged: int = Field(default=0, description="Findings added from mapped checkov checks")
    corroborated: int = Field(
        default=0, description="checkov verdicts that agreed with a native finding (native kept)"
    )
    disagreed: tuple[str, ...] = Field(
        default=(),
        description="'CHECK resource: checkov VERDICT, native VERDICT' where the two differ on "
        "the same property (the native finding is kept)",
    )
    unmapped: tuple[UnmappedCheck, ...] = ()
    parse_errors: tuple[str, ...] = Field(
        default=(), description="Files checkov itself could not parse"
    )
