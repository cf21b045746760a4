"""Making a signed evidence package from a saved JSON result."""

from __future__ import annotations

import hashlib
import io
import json
from typing import Any

from gdcc_audit.errors import SigningError
from gdcc_audit.models.result import AuditResult
from gdcc_audit.signing.keys import SignerMaterial, require

INPUTS_NAME = "gdcc-audit-inputs.json"
INPUTS_KIND = "gdcc-audit/input-manifest"
SIGNATURE_FIELD = "GDCCAuditSignature"
#: The signature's /Reason carries the input manifest's digest (inside the signed bytes), so
#: a verifier can name the attachment that changed even when the signature no longer holds.
REASON_PREFIX = "gdcc-audit evidence package; input manifest sha256="


def input_manifest(result: AuditResult, result_sha256: str) -> bytes:
    """The input manifest: every scanned file with its path as scanned (relative to the scan's
    working folder unless given absolute), status and sha256; and the digest of the attached
    JSON result."""
    files = [
        {"path": item.path, "sha256": item.sha256, "status": item.status.value}
        for item in sorted(result.inputs, key=lambda i: i.path)
    ]
    document = {
        "kind": INPUTS_KIND,
        "version": 1,
        "tool_version": result.tool_version,
        "scanned_at": result.scanned_at.isoformat(),
        "result_sha256": result_sha256,
        "files": files,
    }
    return (json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode()


def sha256(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def make_package(result: AuditResult, signer: SignerMaterial, lang: str) -> bytes:
    """The signed evidence package of ``result``: the PDF/A-3b report with the JSON result
    (``gdcc-audit-result.json``) and the input manifest (``gdcc-audit-inputs.json``) attached,
    signed by ``signer`` as a PAdES baseline signature (invisible field)."""
    from gdcc_audit.report.json import result_to_json
    from gdcc_audit.report.pdf import render_pdf
    from gdcc_audit.report.redact import redact_result

    # the attached JSON is exactly what render_pdf attaches: redacted, full findings
    attached = result_to_json(redact_result(result), full_findings=True, full_graph=True).encode()
    manifest = input_manifest(result, sha256(attached))
    pdf = render_pdf(
        result,
        lang,
        extra_attachments=[(INPUTS_NAME, manifest.decode(), "gdcc-audit input manifest (JSON)")],
    )
    return sign_pdf(pdf, signer, reason=REASON_PREFIX + sha256(manifest))


def sign_pdf(pdf: bytes, signer: SignerMaterial, reason: str) -> bytes:
    """``pdf`` with a PAdES signature by ``signer`` appended as an incremental update."""
    signers = require("pyhanko.sign.signers")
    fields = require("pyhanko.sign.fields")
    incremental = require("pyhanko.pdf_utils.incremental_writer")
    registry = require("pyhanko_certvalidator.registry")
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization

    der = serialization.Encoding.DER
    key = asn1_keys.PrivateKeyInfo.load(
        signer.key.private_bytes(
            der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    certificate = asn1_x509.Certificate.load(signer.certificate.public_bytes(der))
    chain = [asn1_x509.Certificate.load(c.public_bytes(der)) for c in signer.chain]
    simple = signers.SimpleSigner(
        signing_cert=certificate,
        signing_key=key,
        cert_registry=registry.SimpleCertificateStore.from_certs([certificate, *chain]),
    )
    metadata = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
    )
    try:
        writer = incremental.IncrementalPdfFileWriter(io.BytesIO(pdf))
        signed: Any = signers.sign_pdf(writer, metadata, signer=simple)
    except Exception as exc:  # pyHanko raises many types; the message names no key material
        raise SigningError(f"cannot sign the report: {type(exc).__name__}: {exc}") from None
    return bytes(signed.getvalue())
