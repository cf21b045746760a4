"""The history store: every recorded audit run, per tenant and Thai fiscal quarter.

SQLite in the user data folder by default, PostgreSQL (or any SQLAlchemy URL) by ``--db`` or
``GDCC_AUDIT_DB``; the schema is kept by Alembic migrations shipped in this package and applied
when a store is opened. SQLAlchemy and Alembic are imported only when a store is used::

    from gdcc_audit.history import Store, record_run

    with Store("postgresql+psycopg://gdcc@db/gdcc") as store:
        record_run(store, result)          # one transaction per run
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gdcc_audit.history.record import record_run
    from gdcc_audit.history.store import Store, default_url

__all__ = ["Store", "default_url", "record_run"]

_LAZY = {
    "Store": "gdcc_audit.history.store",
    "default_url": "gdcc_audit.history.store",
    "record_run": "gdcc_audit.history.record",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
