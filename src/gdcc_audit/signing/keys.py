"""Loading the signer's key and certificate: PKCS#12, or a PEM (or DER) key with its
certificate. Error messages name the file and the problem, never key material."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gdcc_audit.errors import SigningError

PASSWORD_ENV = "GDCC_AUDIT_KEY_PASSWORD"
_PKCS12_SUFFIXES = (".p12", ".pfx")
_SIGN_EXTRA = "signing needs the [sign] extra: pip install 'gdcc-audit[sign]'"


def require(module: str) -> Any:
    """Import ``module`` of the [sign] extra, or a SigningError naming the extra.

    pyHanko imports cryptography's DSA key class, which warns "DSA is deprecated" (a
    CryptographyDeprecationWarning on stderr at every ``package`` and ``verify``, though no
    DSA key is used): that one warning is left out of the import."""
    import importlib
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="DSA is deprecated")
            return importlib.import_module(module)
    except ImportError as exc:
        raise SigningError(f"{_SIGN_EXTRA} ({exc})") from exc


@dataclass(frozen=True)
class SignerMaterial:
    """A loaded key with its certificate (cryptography objects) and any chain certificates."""

    key: Any
    certificate: Any
    chain: tuple[Any, ...] = ()

    @property
    def subject(self) -> str:
        """The certificate's subject, e.g. ``CN=Auditor,O=Agency``."""
        return str(self.certificate.subject.rfc4514_string())


def load_certificate(path: Path) -> Any:
    """An X.509 certificate from a PEM or DER file."""
    x509 = require("cryptography.x509")
    data = _read(path)
    try:
        if b"-----BEGIN CERTIFICATE-----" in data:
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError:
        raise SigningError(f"{path}: not an X.509 certificate (PEM or DER)") from None


def load_signer(key_path: Path, cert_path: Path | None, password: str | None) -> SignerMaterial:
    """The signer from ``key_path``: PKCS#12 (``.p12``/``.pfx``, certificate inside) or a
    private key (PEM or DER) with ``cert_path``. Checks that the key belongs to the certificate."""
    require("cryptography")
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    data = _read(key_path)
    secret = password.encode() if password else None
    chain: tuple[Any, ...] = ()
    if key_path.suffix.lower() in _PKCS12_SUFFIXES:
        try:
            key, certificate, extra = pkcs12.load_key_and_certificates(data, secret)
        except ValueError:
            raise SigningError(
                f"{key_path}: cannot open the PKCS#12 file: wrong password, or not PKCS#12"
            ) from None
        if key is None or certificate is None:
            raise SigningError(f"{key_path}: the PKCS#12 file has no key or no certificate")
        chain = tuple(extra or ())
        if cert_path is not None:
            certificate = load_certificate(cert_path)
    else:
        if cert_path is None:
            raise SigningError(f"{key_path}: a PEM or DER key needs its certificate: --cert FILE")
        key = _private_key(serialization, key_path, data, secret)
        certificate = load_certificate(cert_path)
    if _public(key) != _public(certificate):
        raise SigningError(f"{key_path}: the key does not belong to the certificate")
    return SignerMaterial(key=key, certificate=certificate, chain=chain)


def _private_key(serialization: Any, path: Path, data: bytes, secret: bytes | None) -> Any:
    loader = (
        serialization.load_pem_private_key
        if b"-----BEGIN" in data
        else serialization.load_der_private_key
    )
    try:
        return loader(data, password=secret)
    except TypeError:
        if secret is None:
            raise SigningError(
                f"{path}: the key is encrypted: give its password (prompt or {PASSWORD_ENV})"
            ) from None
        raise SigningError(f"{path}: the key is not encrypted, but a password was given") from None
    except ValueError:
        raise SigningError(f"{path}: cannot read the key: wrong password, or not a key") from None


def _public(obj: Any) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return bytes(
        obj.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SigningError(f"{path}: {exc.strerror or exc}") from None
