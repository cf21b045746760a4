"""Signed evidence packages: package, verify, and each alteration named (tampered bytes, a
swapped attachment, the wrong certificate, changed input files); bad keys and passwords."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import shutil
from pathlib import Path

import pytest
from report_factory import build

from gdcc_audit.cli import run
from gdcc_audit.models.result import AuditResult

pytest.importorskip("pyhanko")
pytest.importorskip("weasyprint")
pypdf = pytest.importorskip("pypdf")

from cryptography import x509  # noqa: E402  (after the [sign] extra check)
from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec  # noqa: E402
from cryptography.hazmat.primitives.serialization import pkcs12  # noqa: E402
from cryptography.x509.oid import NameOID  # noqa: E402

PASSWORD = "correct horse battery"  # a test key, made at test time


def _identity(folder: Path, name: str) -> tuple[Path, Path, Path]:
    """A self-made EC key and certificate: (PKCS#12 with PASSWORD, PEM key, PEM cert)."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, True, False, False, False),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    p12 = folder / f"{name}.p12"
    p12.write_bytes(
        pkcs12.serialize_key_and_certificates(
            name.encode(), key, cert, None,
            serialization.BestAvailableEncryption(PASSWORD.encode()),
        )
    )  # fmt: skip
    pem_key = folder / f"{name}.key.pem"
    pem_key.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(PASSWORD.encode()),
        )
    )
    pem_cert = folder / f"{name}.crt"
    pem_cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return p12, pem_key, pem_cert


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Scanned files, their JSON result, two identities and one signed package."""
    folder = tmp_path_factory.mktemp("package")
    (folder / "iac" / "his").mkdir(parents=True)
    (folder / "iac" / "his" / "main.tf").write_bytes(b"main")
    (folder / "tenant.yaml").write_bytes(b"kind: Tenant\n")
    base = build(2)
    inputs = [
        i.model_copy(update={"sha256": hashlib.sha256(b"kind: Tenant\n").hexdigest()})
        if i.path == "tenant.yaml"
        else i
        for i in base.inputs
    ]
    result: AuditResult = base.model_copy(update={"inputs": tuple(inputs)})
    result_file = folder / "result.json"
    result_file.write_text(result.model_dump_json(by_alias=True), encoding="utf-8")
    p12, pem_key, cert = _identity(folder, "Agency Auditor")
    _, _, other_cert = _identity(folder, "Somebody Else")
    return {
        "folder": folder, "result": result_file, "p12": p12, "pem_key": pem_key,
        "cert": cert, "other_cert": other_cert,
    }  # fmt: skip


@pytest.fixture(scope="module")
def signed(made: dict[str, Path]) -> Path:
    mp = pytest.MonkeyPatch()
    mp.setenv("GDCC_AUDIT_KEY_PASSWORD", PASSWORD)
    target = made["folder"] / "evidence.pdf"
    code = run(["package", str(made["result"]), "--key", str(made["p12"]), "-o", str(target)])
    mp.undo()
    assert code == 0
    return target


def _verify(path: Path, *extra: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = run(["verify", str(path), *extra])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_package_verifies_with_the_right_certificate_and_inputs(
    signed: Path, made: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _verify(
        signed, "--cert", str(made["cert"]), "--inputs", str(made["folder"]), capsys=capsys
    )
    assert code == 0, out
    assert re.search(r"ok: signature intact and valid, signed by Common Name: Agency Auditor on "
                     r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", out)  # fmt: skip
    assert "ok: signer matches the given certificate" in out
    assert "ok: attachment gdcc-audit-inputs.json is the one signed" in out
    assert "ok: attachment gdcc-audit-result.json matches the input manifest" in out
    assert f"ok: all 3 input files match their sha256 in {made['folder']}" in out
    assert "ALTERED" not in out
    reader = pypdf.PdfReader(signed)
    assert sorted(reader.attachments) == ["gdcc-audit-inputs.json", "gdcc-audit-result.json"]
    root = reader.trailer["/Root"]
    # still PDF/A-3b and tagged after the signature's incremental update
    raw = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in raw
    assert "/StructTreeRoot" in root
    fields = [f.get_object() for f in root["/AcroForm"]["/Fields"]]
    assert [str(f["/T"]) for f in fields] == ["GDCCAuditSignature"]
    assert str(fields[0]["/V"]["/SubFilter"]) == "/ETSI.CAdES.detached"  # PAdES
    # the key and its password never reach the package
    data = signed.read_bytes()
    assert PASSWORD.encode() not in data
    assert b"PRIVATE KEY" not in data


def test_tampered_pdf_fails_with_the_reason(
    signed: Path, made: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = bytearray(signed.read_bytes())
    at = data.index(b"/Producer")  # inside the signed bytes
    data[at + 1 : at + 9] = b"Prodxcer"
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(bytes(data))
    code, out = _verify(tampered, "--cert", str(made["cert"]), capsys=capsys)
    assert code == 2
    assert "ALTERED: the signed content was altered: its digest no longer matches" in out
    # the attachments are intact: the change is located in the report itself
    assert "both attachments still match their recorded digests, so the change is in the " \
        "report's pages or the document structure" in out
    assert "verification failed" in out


def test_swapped_attachment_fails_naming_the_attachment(
    signed: Path, made: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed.read_bytes()))
    names = writer.root["/Names"]["/EmbeddedFiles"]["/Names"]
    index = [str(names[i]) for i in range(0, len(names), 2)].index("gdcc-audit-result.json")
    filespec = names[2 * index + 1]
    forged = generic.StreamObject(
        {generic.NameObject("/Type"): generic.NameObject("/EmbeddedFile")},
        stream_data=b'{"findings": []}',
    )
    filespec["/EF"][generic.NameObject("/F")] = writer.add_object(forged)
    writer.update_container(filespec)
    out_stream = io.BytesIO()
    writer.write(out_stream)
    swapped = tmp_path / "swapped.pdf"
    swapped.write_bytes(out_stream.getvalue())
    code, out = _verify(swapped, "--cert", str(made["cert"]), capsys=capsys)
    assert code == 2
    forged_sha = hashlib.sha256(b'{"findings": []}').hexdigest()
    assert "ALTERED: content was added to the PDF after it was signed" in out
    assert "ALTERED: attachment gdcc-audit-result.json was replaced after signing" in out
    assert f", {forged_sha} now)" in out
    assert "ALTERED: attachment gdcc-audit-result.json differs from the one the input" in out
    # the signature itself still holds for the revision it signed
    assert "ok: signature intact and valid" in out


def test_wrong_certificate_fails_naming_both(
    signed: Path, made: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _verify(signed, "--cert", str(made["other_cert"]), capsys=capsys)
    assert code == 2
    assert "ALTERED: signed by Common Name: Agency Auditor" in out
    assert "not by the given certificate CN=Somebody Else" in out


def test_changed_input_file_is_named(
    signed: Path, made: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "iac" / "his").mkdir(parents=True)
    (tmp_path / "iac" / "his" / "main.tf").write_bytes(b"main, edited")
    code, out = _verify(signed, "--inputs", str(tmp_path), capsys=capsys)
    assert code == 2
    edited = hashlib.sha256(b"main, edited").hexdigest()
    assert "ALTERED: input iac/his/main.tf changed since the scan (sha256 " in out
    assert f"{edited} now)" in out
    assert f"ALTERED: input tenant.yaml is missing from {tmp_path}" in out
    assert "signer not checked against a certificate (pass --cert)" in out


def test_pem_key_with_certificate_signs(
    made: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    monkeypatch.setenv("GDCC_AUDIT_KEY_PASSWORD", PASSWORD)
    target = tmp_path / "pem.pdf"
    args = ["package", str(made["result"]), "--key", str(made["pem_key"])]
    assert run([*args, "--cert", str(made["cert"]), "-o", str(target), "--lang", "en"]) == 0
    assert "signed by CN=Agency Auditor" in capsys.readouterr().err
    code, out = _verify(target, "--cert", str(made["cert"]), capsys=capsys)
    assert code == 0, out


@pytest.mark.parametrize(
    ("key", "cert", "password", "message"),
    [
        ("p12", None, "wrong", "cannot open the PKCS#12 file: wrong password, or not PKCS#12"),
        ("pem_key", "cert", "wrong", "cannot read the key: wrong password, or not a key"),
        ("pem_key", "cert", None, "the key is encrypted: give its password"),
        ("pem_key", None, PASSWORD, "a PEM or DER key needs its certificate: --cert FILE"),
        ("p12", "other_cert", PASSWORD, "the key does not belong to the certificate"),
        ("result", "cert", PASSWORD, "cannot read the key: wrong password, or not a key"),
    ],
)
def test_bad_key_or_password_exits_2_and_writes_nothing(
    made: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], key: str, cert: str | None, password: str | None,
    message: str,
) -> None:  # fmt: skip
    if password is None:
        monkeypatch.delenv("GDCC_AUDIT_KEY_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("GDCC_AUDIT_KEY_PASSWORD", password)
    target = tmp_path / "out" / "never.pdf"
    args = ["package", str(made["result"]), "--key", str(made[key]), "-o", str(target)]
    if cert:
        args += ["--cert", str(made[cert])]
    assert run(args) == 2
    err = capsys.readouterr().err
    assert message in err
    assert PASSWORD not in err
    assert not target.exists()
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_unsigned_pdf_is_not_a_package(
    made: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = tmp_path / "plain.pdf"
    assert run(["report", str(made["result"]), "--format", "pdf", "-o", str(plain)]) == 0
    capsys.readouterr()
    code, out = _verify(plain, capsys=capsys)
    assert code == 2
    assert "ALTERED: the PDF is not signed" in out
    assert "ALTERED: attachment gdcc-audit-inputs.json is missing" in out


def test_not_a_pdf_fails_cleanly(made: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _verify(made["result"], capsys=capsys)
    assert code == 2
    assert "ALTERED: the file cannot be read as a PDF" in out
    assert "Traceback" not in out


LEGACY = Path(__file__).resolve().parents[1] / "fixtures" / "results" / "moph-health-v1.0.json"


@pytest.mark.parametrize("layout", ["1.1", "1.0"])
def test_package_of_a_1_0_or_1_1_result_attaches_the_same_result(
    made: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: str
) -> None:
    from gdcc_audit.report.json import result_to_json

    legacy = AuditResult.model_validate_json(LEGACY.read_bytes())
    source = tmp_path / f"result-{layout}.json"
    if layout == "1.0":
        source.write_bytes(LEGACY.read_bytes())
    else:
        source.write_text(result_to_json(legacy, full_graph=True), encoding="utf-8")
    monkeypatch.setenv("GDCC_AUDIT_KEY_PASSWORD", PASSWORD)
    target = tmp_path / "evidence.pdf"
    assert run(["package", str(source), "--key", str(made["p12"]), "-o", str(target)]) == 0
    attached = pypdf.PdfReader(target).attachments["gdcc-audit-result.json"][0]
    again = AuditResult.model_validate_json(attached)
    assert again.schema_version == "1.1"  # attachments are written in the current layout
    assert again == legacy.model_copy(update={"schema_version": "1.1"})


def test_package_and_verify_print_no_dsa_warning() -> None:
    """A new user's first `gdcc-audit package` and `verify` printed pyHanko's import-time
    "CryptographyDeprecationWarning: DSA is deprecated ..." on stderr (no DSA key is used);
    the [sign] modules are now imported without that one warning."""
    import os
    import subprocess
    import sys

    code = (
        "from gdcc_audit.signing.keys import require\n"
        "for name in ('pyhanko.sign.signers', 'pyhanko.sign.validation'):\n"
        "    require(name)\n"
    )
    env = {**os.environ, "PYTHONWARNINGS": "default"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert "DSA is deprecated" not in done.stderr
    assert done.stderr == ""


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl not installed")
def test_the_readme_s_throwaway_signer_packages_and_verifies_as_written(
    made: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A new user had no agency-signer.p12 to try the README's `package` with; the README
    shows an `openssl` command that makes a throwaway pair. Then `package out/result.json
    --key test-signer.key` (the README said "use it with --key ... --cert ..." in a
    sentence) stopped: "a PEM or DER key needs its certificate". The block now holds the
    three commands; run as written, in a folder with the scanned files and the result, they
    make a package that verifies."""
    import shlex
    import subprocess

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```bash\n(openssl req [^`]*?)```", readme)
    assert block is not None
    lines = [shlex.split(line) for line in block[1].replace("\\\n", " ").splitlines()]
    assert [line[:2] for line in lines] == [
        ["openssl", "req"], [".venv/bin/gdcc-audit", "package"], [".venv/bin/gdcc-audit", "verify"],
    ]  # fmt: skip
    shutil.copytree(made["folder"] / "iac", tmp_path / "iac")
    shutil.copy(made["folder"] / "tenant.yaml", tmp_path)
    (tmp_path / "out").mkdir()
    shutil.copy(made["result"], tmp_path / "out" / "result.json")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GDCC_AUDIT_KEY_PASSWORD", raising=False)
    subprocess.run(lines[0], check=True, capture_output=True)
    assert run(lines[1][1:]) == 0
    assert (tmp_path / "out" / "result.package.pdf").is_file()
    capsys.readouterr()
    assert run(lines[2][1:]) == 0
    out = capsys.readouterr().out
    assert "signed by Common Name: Test signer" in out
    assert "out/result.package.pdf: verified" in out
