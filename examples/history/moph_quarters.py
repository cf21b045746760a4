"""Record four quarters of the MOPH example into a history store, so the quarterly report
shows trends.

    python examples/history/moph_quarters.py --db sqlite:///moph-history.sqlite3
    gdcc-audit report quarterly --db sqlite:///moph-history.sqlite3 \\
        --tenant moph-health-platform --quarter 2570Q1 --format pdf,html --output out/

The latest quarter (2570Q1, audit date 2026-11-23) is the example exactly as committed. The
three quarters before it are the same manifest as it stood then: a few settings differ (listed
in QUARTERS, each edit must match the manifest exactly once) and evidence, contact
confirmations and restore tests dated after that quarter's audit date are replaced by the
previous year's (the renewal had not happened yet). The story: a TLS 1.0 listener and a root
container fixed in 2569Q3, an administrator without MFA fixed in 2569Q4, a vendor snapshot made
public in 2569Q4 (still open), a read-only analyst given administrator rights in 2569Q4 and
removed in 2570Q1, and the RDP waiver granted in 2569Q4 that expired before 2570Q1.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import io
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "moph-health-platform"
TENANT = "moph-health-platform"


@dataclass(frozen=True)
class Quarter:
    """One quarter's audit: its code, audit date and the manifest edits of that time."""

    code: str
    now: dt.date
    edits: tuple[tuple[str, str], ...] = ()


_TLS_10 = (
    "{id: hie-lb, kind: network.load_balancer, system: health-link, facets: "
    "{encrypted_in_transit: true, tls_min_version: TLSv1.2",
    "{id: hie-lb, kind: network.load_balancer, system: health-link, facets: "
    "{encrypted_in_transit: true, tls_min_version: TLSv1.0",
)
_GATEWAY_ROOT = (
    "id: hie-gateway\n    kind: k8s.workload\n    system: health-link\n"
    "    facets: {privileged_container: false, run_as_root: false",
    "id: hie-gateway\n    kind: k8s.workload\n    system: health-link\n"
    "    facets: {privileged_container: false, run_as_root: true",
)
_FHIR_NOT_ROOT = (
    "id: fhir-ingest\n    kind: k8s.workload\n    system: health-link\n"
    "    facets: {privileged_container: false, run_as_root: true",
    "id: fhir-ingest\n    kind: k8s.workload\n    system: health-link\n"
    "    facets: {privileged_container: false, run_as_root: false",
)
_USER = "{id: %s, kind: identity.user, facets: {admin_privileges: %s, mfa_required: %s}}"
_ADMIN_NO_MFA = (
    _USER % ("admin-thanakorn", "true", "true"),
    _USER % ("admin-thanakorn", "true", "false"),
)
_SNAPSHOT_PRIVATE = (
    "{id: hie-db-snapshot-vendor, kind: storage.snapshot, system: health-link, facets: "
    "{public_access: true, encrypted_at_rest: false}}",
    "{id: hie-db-snapshot-vendor, kind: storage.snapshot, system: health-link, facets: "
    "{public_access: false, encrypted_at_rest: true}}",
)
_ANALYST_ADMIN = (
    _USER % ("analyst-readonly", "false", "false"),
    _USER % ("analyst-readonly", "true", "false"),
)

QUARTERS = (
    Quarter(
        "2569Q2",
        dt.date(2026, 2, 20),
        (_TLS_10, _GATEWAY_ROOT, _FHIR_NOT_ROOT, _ADMIN_NO_MFA, _SNAPSHOT_PRIVATE),
    ),
    Quarter("2569Q3", dt.date(2026, 5, 20), (_FHIR_NOT_ROOT, _ADMIN_NO_MFA, _SNAPSHOT_PRIVATE)),
    Quarter("2569Q4", dt.date(2026, 8, 20), (_ANALYST_ADMIN,)),
    Quarter("2570Q1", dt.date(2026, 11, 23)),
)  # fmt: skip

_DATED = re.compile(r"\b(date|updated_on|last_restore_test): (\d{4}-\d{2}-\d{2})")


def _year_before(day: dt.date) -> dt.date:
    return day.replace(year=day.year - 1, day=min(day.day, 28))


def _as_of(line: str, now: dt.date) -> str:
    """A manifest line as it read on ``now``: dates after it become the previous year's."""

    def older(match: re.Match[str]) -> str:
        day = dt.date.fromisoformat(match[2])
        return f"{match[1]}: {_year_before(day)}" if day > now else match[0]

    changed = _DATED.sub(older, line)
    if changed != line and "document:" in line:
        # The previous year's document: its name and (invented) hash differ too.
        changed = re.sub(r"-(\d{4})\.pdf", lambda m: f"-{int(m[1]) - 1}.pdf", changed)
        doc = re.search(r"document: ([^,}]+)", changed)
        digest = hashlib.sha256(doc[1].encode() if doc else b"").hexdigest()
        changed = re.sub(r"sha256: [0-9a-f]{64}", f"sha256: {digest}", changed)
    return changed


def materialise(quarter: Quarter, folder: Path) -> Path:
    """Write the example as it stood in ``quarter`` into ``folder``; return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (EXAMPLE / "tenant.yaml").read_text(encoding="utf-8")
    for old, new in quarter.edits:
        if text.count(old) != 1:
            raise SystemExit(f"{quarter.code}: edit does not match the example once: {old!r}")
        text = text.replace(old, new)
    text = "".join(_as_of(line, quarter.now) for line in text.splitlines(keepends=True))
    (folder / "tenant.yaml").write_text(text, encoding="utf-8")
    shutil.copyfile(EXAMPLE / "waivers.yaml", folder / "waivers.yaml")
    return folder


def main(argv: list[str] | None = None) -> int:
    """Record the four quarters into ``--db``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="history store URL, e.g. sqlite:///h.sqlite3")
    args = parser.parse_args(argv)
    from gdcc_audit.cli import run

    db = args.db
    if db.startswith("sqlite:///") and not db.startswith("sqlite:////"):
        db = f"sqlite:///{Path(db.removeprefix('sqlite:///')).resolve()}"  # scans run elsewhere

    with tempfile.TemporaryDirectory() as temp:
        for quarter in QUARTERS:
            # The folder keeps the example's name: resource ids start with the tenant name,
            # file paths in findings are the only thing that differ.
            folder = materialise(quarter, Path(temp) / quarter.code / TENANT)
            # Scanned by a relative path from the quarter's folder, as a user would from a
            # checkout: the report lists "moph-health-platform/tenant.yaml", no temporary path.
            with contextlib.chdir(folder.parent), contextlib.redirect_stdout(io.StringIO()):
                code = run(
                    ["scan", TENANT, "--now", quarter.now.isoformat(), "--record",
                     "--db", db, "--quiet", "--format", "json", "--output",
                     str(Path(temp) / f"{quarter.code}.json")]
                )  # fmt: skip
            if code not in (0, 1):
                print(f"{quarter.code}: scan failed with exit code {code}", file=sys.stderr)
                return code
    return 0


if __name__ == "__main__":
    sys.exit(main())
