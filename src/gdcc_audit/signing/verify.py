"""Verifying a signed evidence package: the signature, what was changed after signing, the
attachments against each other, and (optionally) the scanned files against the manifest."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gdcc_audit.errors import SigningError
from gdcc_audit.report.pdf import ATTACHMENT_NAME
from gdcc_audit.signing.keys import require
from gdcc_audit.signing.package import INPUTS_KIND, INPUTS_NAME, REASON_PREFIX, sha256


@dataclass
class Verification:
    """What was checked (``checked``) and what failed (``problems``), in plain sentences."""

    signer: str | None = None
    signed_at: str | None = None
    checked: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing failed."""
        return not self.problems


def verify_package(
    path: Path, certificate: Path | None = None, inputs_root: Path | None = None
) -> Verification:
    """Verify the package at ``path``; ``certificate`` is the signer's expected certificate
    (or a CA that issued it); ``inputs_root`` the folder the scan ran from, to re-hash the
    scanned files."""
    require("pyhanko")
    from gdcc_audit.signing.keys import load_certificate

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SigningError(f"{path}: {exc.strerror or exc}") from None
    outcome = Verification()
    expected = load_certificate(certificate) if certificate is not None else None
    signed_end, reason = _check_signature(data, expected, outcome)
    current = _attachments(data, outcome, "")
    if signed_end is not None and signed_end < len(data):
        before = _attachments(data[:signed_end], Verification(), " (signed revision)")
        for name in sorted(set(before) | set(current)):
            if name not in current:
                outcome.problems.append(f"attachment {name} was removed after signing")
            elif name not in before:
                outcome.problems.append(f"attachment {name} was added after signing")
            elif before[name] != current[name]:
                outcome.problems.append(
                    f"attachment {name} was replaced after signing (sha256 "
                    f"{sha256(before[name])} signed, {sha256(current[name])} now)"
                )
    _check_attachments(current, reason, outcome)
    _locate_alteration(outcome)
    if inputs_root is not None and INPUTS_NAME in current:
        _check_inputs(current[INPUTS_NAME], inputs_root, outcome)
    return outcome


def _check_signature(
    data: bytes, expected: Any, outcome: Verification
) -> tuple[int | None, str | None]:
    reader_module = require("pyhanko.pdf_utils.reader")
    validation = require("pyhanko.sign.validation")
    status_module = require("pyhanko.sign.validation.status")
    certvalidator = require("pyhanko_certvalidator")
    try:
        reader = reader_module.PdfFileReader(io.BytesIO(data), strict=False)
        signatures = list(reader.embedded_signatures)
    except Exception as exc:  # a damaged file: pyHanko raises many types
        outcome.problems.append(f"the file cannot be read as a PDF: {type(exc).__name__}: {exc}")
        return None, None
    if not signatures:
        outcome.problems.append("the PDF is not signed")
        return None, None
    signature = signatures[-1]
    from asn1crypto import x509 as asn1_x509

    roots = []
    if expected is not None:
        from cryptography.hazmat.primitives.serialization import Encoding

        roots = [asn1_x509.Certificate.load(expected.public_bytes(Encoding.DER))]
    context = certvalidator.ValidationContext(trust_roots=roots, allow_fetching=False)
    try:
        status = validation.validate_pdf_signature(signature, context)
    except Exception as exc:
        outcome.problems.append(f"the signature cannot be checked: {type(exc).__name__}: {exc}")
        return None, None
    signer = status.signing_cert
    outcome.signer = signer.subject.human_friendly if signer is not None else None
    outcome.signed_at = status.signer_reported_dt.isoformat() if status.signer_reported_dt else None
    if not status.intact:
        outcome.problems.append(_ALTERED)
    elif not status.valid:
        outcome.problems.append("the signature value does not verify against the signer's key")
    else:
        when = f" on {outcome.signed_at}" if outcome.signed_at else ""
        outcome.checked.append(f"signature intact and valid, signed by {outcome.signer}{when}")
    if status.coverage != status_module.SignatureCoverageLevel.ENTIRE_FILE:
        outcome.problems.append("content was added to the PDF after it was signed")
    if expected is not None and signer is not None:
        _check_signer(signer, expected, status.trusted, outcome)
    elif expected is None:
        outcome.checked.append("signer not checked against a certificate (pass --cert)")
    byte_range = [int(v) for v in signature.sig_object["/ByteRange"]]
    reason = signature.sig_object.get("/Reason")
    return byte_range[2] + byte_range[3], str(reason) if reason is not None else None


_ALTERED = "the signed content was altered: its digest no longer matches the signature"


def _locate_alteration(outcome: Verification) -> None:
    """When the signed bytes changed but both attachments still match their recorded digests,
    say that the change is in the report itself (pages or document structure)."""
    attachments_ok = sum("matches the input manifest" in c or "is the one signed" in c
                         for c in outcome.checked) == 2  # fmt: skip
    if _ALTERED in outcome.problems and attachments_ok:
        index = outcome.problems.index(_ALTERED)
        outcome.problems[index] = (
            f"{_ALTERED}; both attachments still match their recorded digests, so the change "
            "is in the report's pages or the document structure"
        )


def _check_signer(signer: Any, expected: Any, trusted: bool, outcome: Verification) -> None:
    from cryptography.hazmat.primitives.serialization import Encoding

    given = sha256(expected.public_bytes(Encoding.DER))
    actual = sha256(signer.dump())
    if actual == given or trusted:
        outcome.checked.append("signer matches the given certificate")
        return
    outcome.problems.append(
        f"signed by {signer.subject.human_friendly} (certificate sha256 {actual}), not by the "
        f"given certificate {expected.subject.rfc4514_string()} (sha256 {given}) or a "
        "certificate it issued"
    )


def _attachments(data: bytes, outcome: Verification, where: str) -> dict[str, bytes]:
    pypdf = require("pypdf")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        found = {name: bytes(values[0]) for name, values in reader.attachments.items()}
    except Exception as exc:
        outcome.problems.append(f"the attachments{where} cannot be read: {exc}")
        return {}
    return found


def _check_attachments(
    current: dict[str, bytes], reason: str | None, outcome: Verification
) -> None:
    missing = [n for n in (ATTACHMENT_NAME, INPUTS_NAME) if n not in current]
    for name in missing:
        outcome.problems.append(f"attachment {name} is missing")
    if missing:
        return
    manifest_digest = sha256(current[INPUTS_NAME])
    if reason is None or not reason.startswith(REASON_PREFIX):
        outcome.problems.append("the signature does not name the input manifest's digest")
    elif reason[len(REASON_PREFIX) :] != manifest_digest:
        outcome.problems.append(
            f"attachment {INPUTS_NAME} differs from the one signed (sha256 "
            f"{reason[len(REASON_PREFIX) :]} signed, {manifest_digest} now)"
        )
    else:
        outcome.checked.append(f"attachment {INPUTS_NAME} is the one signed")
    try:
        manifest = json.loads(current[INPUTS_NAME])
    except ValueError:
        outcome.problems.append(f"attachment {INPUTS_NAME} is not JSON")
        return
    if not isinstance(manifest, dict) or manifest.get("kind") != INPUTS_KIND:
        outcome.problems.append(f"attachment {INPUTS_NAME} is not a gdcc-audit input manifest")
        return
    result_digest = sha256(current[ATTACHMENT_NAME])
    if manifest.get("result_sha256") != result_digest:
        outcome.problems.append(
            f"attachment {ATTACHMENT_NAME} differs from the one the input manifest names "
            f"(sha256 {manifest.get('result_sha256')} expected, {result_digest} now)"
        )
    else:
        outcome.checked.append(f"attachment {ATTACHMENT_NAME} matches the input manifest")


def _check_inputs(manifest_bytes: bytes, root: Path, outcome: Verification) -> None:
    try:
        files = json.loads(manifest_bytes)["files"]
    except (ValueError, KeyError, TypeError):
        return  # already reported by _check_attachments
    changed = 0
    for entry in files:
        recorded = entry.get("sha256")
        if recorded is None:
            continue  # the scan could not read it either
        target = Path(entry["path"])
        target = target if target.is_absolute() else root / target
        try:
            actual = sha256(target.read_bytes())
        except OSError:
            outcome.problems.append(f"input {entry['path']} is missing from {root}")
            changed += 1
            continue
        if actual != recorded:
            outcome.problems.append(
                f"input {entry['path']} changed since the scan (sha256 {recorded} scanned, "
                f"{actual} now)"
            )
            changed += 1
    if not changed:
        outcome.checked.append(f"all {len(files)} input files match their sha256 in {root}")
