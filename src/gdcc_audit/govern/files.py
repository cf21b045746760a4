"""Waiver files (``apiVersion: gdcc-audit/v1``, ``kind: Waivers``) and baseline results.

A waiver file found while walking a folder is recognised (it is not "not recognised" noise)
but applies only when named: by ``scan --waivers`` or by a tenant manifest's ``waivers:``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from gdcc_audit.errors import InputError
from gdcc_audit.govern.apply import SourcedWaiver
from gdcc_audit.load.interface import Claim, Document, Loader, ParsedFile
from gdcc_audit.load.manifest import duplicate_id, validation_error
from gdcc_audit.load.source import read_bytes
from gdcc_audit.load.yamltree import LocatedDocument
from gdcc_audit.models.tenant_terms import API_VERSION
from gdcc_audit.models.waiver import WAIVERS_KIND, BaselineInfo, WaiverFile

if TYPE_CHECKING:
    from gdcc_audit.settings import Settings

FORMAT = "gdcc-waivers"
#: Result schema major versions a baseline may have (fingerprints are stable across them).
BASELINE_MAJORS = ("1",)


def is_waiver_file(data: Any) -> bool:
    """Whether a YAML/JSON document is a gdcc-audit waiver file (of any apiVersion)."""
    return (
        isinstance(data, dict)
        and data.get("kind") == WAIVERS_KIND
        and str(data.get("apiVersion", "")).startswith("gdcc-audit/")
    )


def parse_waivers(path: str, doc: LocatedDocument) -> WaiverFile:
    """Validate one waiver document; errors carry the file, line and field."""
    data = doc.data
    if data.get("apiVersion") != API_VERSION:
        raise InputError(
            path,
            f"unsupported apiVersion {data.get('apiVersion')!r}; this version reads {API_VERSION}",
            doc.line_of("/apiVersion"),
            field="apiVersion",
        )
    try:
        parsed = WaiverFile.model_validate(data)
    except ValidationError as exc:
        raise validation_error(path, doc, exc, what="waiver file") from exc
    duplicate = duplicate_id(path, doc, "waivers", (w.id for w in parsed.waivers), "waiver")
    if duplicate is not None:
        raise duplicate
    return parsed


def _document(path: str, parsed: ParsedFile) -> Document:
    if len(parsed.documents) != 1 or not is_waiver_file(parsed.documents[0].data):
        raise InputError(path, "a waiver file holds exactly one document of kind: Waivers")
    doc = parsed.documents[0]
    return Document(path, FORMAT, parse_waivers(path, doc), parsed.sha256, doc)


def read_waiver_file(path: Path, settings: Settings) -> Document:
    """Read a waiver file named by ``--waivers`` or a manifest (raises InputError)."""
    from gdcc_audit.load.discover import parse_structured

    if not path.is_file():
        raise InputError(str(path), "waiver file not found")
    return _document(str(path), parse_structured(path, settings))


def sourced(document: Document) -> list[SourcedWaiver]:
    """The waivers of a loaded waiver document, each with its file and line."""
    data: WaiverFile = document.data
    lines = document.lines
    return [
        SourcedWaiver(w, document.path, lines.line_of(f"/waivers/{i}") if lines else None)
        for i, w in enumerate(data.waivers)
    ]


class WaiverLoader(Loader):
    """Recognises waiver files; ``api.audit`` applies the ones that are named."""

    name = "gdcc-waivers"

    def recognise(self, parsed: ParsedFile) -> bool:
        return any(is_waiver_file(d.data) for d in parsed.documents)

    def load(self, claims: Sequence[Claim], settings: Settings) -> Iterator[Document | InputError]:
        for claim in claims:
            assert claim.parsed is not None  # waiver files are always claimed from parsed files
            try:
                yield _document(str(claim.path), claim.parsed)
            except InputError as exc:
                yield exc


def read_baseline(path: Path, settings: Settings) -> tuple[frozenset[str], BaselineInfo]:
    """Fingerprints failing (FAIL or ERROR) in a saved JSON result, and what it was.

    Only ``schema_version``, ``scanned_at`` and each finding's ``fingerprint`` and ``status``
    are read, so a baseline written by another gdcc-audit release of the same major result
    schema still works.
    """
    name = str(path)
    data = read_bytes(path, settings.max_file_bytes)
    try:
        result = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise InputError(name, f"baseline is not JSON: {exc}", line) from exc
    if not isinstance(result, dict) or not isinstance(result.get("findings"), list):
        raise InputError(name, "baseline is not a gdcc-audit JSON result (scan --format json)")
    version = str(result.get("schema_version", ""))
    if version.split(".", 1)[0] not in BASELINE_MAJORS:
        raise InputError(
            name,
            f"baseline result schema_version {version!r} is not readable by this version "
            f"(reads {', '.join(m + '.x' for m in BASELINE_MAJORS)})",
            field="schema_version",
        )
    known: set[str] = set()
    for index, finding in enumerate(result["findings"]):
        if not isinstance(finding, dict) or not isinstance(finding.get("fingerprint"), str):
            raise InputError(name, "finding without a fingerprint", field=f"findings[{index}]")
        if finding.get("status") in ("FAIL", "ERROR"):
            known.add(finding["fingerprint"])
    try:
        scanned = dt.datetime.fromisoformat(str(result.get("scanned_at")))
    except ValueError:
        scanned = None
    info = BaselineInfo(
        path=name,
        sha256=hashlib.sha256(data).hexdigest(),
        scanned_at=scanned,
        known=0,
        new=0,
    )
    return frozenset(known), info
