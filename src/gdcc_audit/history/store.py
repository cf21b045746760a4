"""Opening the history store: URL, engine, schema revision (Alembic, applied on open)."""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from gdcc_audit.errors import StoreError

#: Environment variable naming the store when ``--db`` is not given.
ENV_VAR = "GDCC_AUDIT_DB"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_PG_LOCK = 0x6764_6363  # advisory lock key ("gdcc") serialising concurrent upgrades


def default_url() -> str:
    """``$GDCC_AUDIT_DB``, else SQLite ``history.sqlite3`` in the user data folder."""
    url = os.environ.get(ENV_VAR)
    if url:
        return url
    import platformdirs

    folder = Path(platformdirs.user_data_dir("gdcc-audit", appauthor=False))
    return f"sqlite:///{folder / 'history.sqlite3'}"


def _alembic_config(connection: Connection) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest schema revision this version of gdcc-audit knows."""
    from alembic.script import ScriptDirectory

    config = _alembic_config(None)  # type: ignore[arg-type]
    head = ScriptDirectory.from_config(config).get_current_head()
    if head is None:  # pragma: no cover - the package ships its migrations
        raise StoreError(f"no migrations found in {MIGRATIONS}")
    return head


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config(None))  # type: ignore[arg-type]
    return {r.revision for r in script.walk_revisions()}


class Store:
    """A history store: ``Store(url)`` connects, checks the schema and upgrades it to the
    newest revision (``upgrade=False`` leaves it as it is). ``create=False`` refuses to
    create a SQLite file that does not exist (read-only commands write nothing)."""

    def __init__(self, url: str | None = None, *, create: bool = True, upgrade: bool = True):
        self.url = url or default_url()
        try:
            parsed = sa.make_url(self.url)
        except sa.exc.ArgumentError as exc:
            raise StoreError(f"{self.url!r} is not a database URL: {exc}") from exc
        self.display_url = parsed.render_as_string(hide_password=True)
        self.engine = self._engine(parsed, create)
        try:
            with self.engine.connect() as connection:
                current = self._revision(connection)
        except sa.exc.DBAPIError as exc:  # unreachable, refused, not a database, ...
            self.engine.dispose()
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise StoreError(
                f"cannot reach the history store {self.display_url}: {reason}"
            ) from exc
        if current is not None and current not in _known_revisions():
            self.engine.dispose()
            raise StoreError(
                f"the history store {self.display_url} has schema revision {current}, newer "
                f"than this gdcc-audit knows (up to {head_revision()}): upgrade gdcc-audit"
            )
        if upgrade and current != head_revision():
            self.upgrade()

    def _engine(self, parsed: sa.URL, create: bool) -> Engine:
        options: dict[str, Any] = {}
        backend = parsed.get_backend_name()
        if backend == "sqlite":
            database = parsed.database or ""
            if database and database != ":memory:" and not database.startswith("file:"):
                path = Path(database)
                if not path.exists():
                    if not create:
                        raise StoreError(
                            f"no history store at {path} (record a run with scan --record)"
                        )
                    path.parent.mkdir(parents=True, exist_ok=True)
            options["connect_args"] = {"timeout": 30}
        elif backend == "postgresql":
            options["connect_args"] = {"connect_timeout": 10}
        try:
            engine = sa.create_engine(parsed, **options)
        except (ImportError, sa.exc.NoSuchModuleError) as exc:
            hint = " (pip install 'gdcc-audit[postgres]')" if backend == "postgresql" else ""
            raise StoreError(f"no database driver for {self.display_url}{hint}: {exc}") from exc
        if backend == "sqlite":
            sa.event.listen(engine, "connect", _sqlite_pragmas)
        return engine

    @staticmethod
    def _revision(connection: Connection) -> str | None:
        from alembic.runtime.migration import MigrationContext

        revision: str | None = MigrationContext.configure(connection).get_current_revision()
        return revision

    def revision(self) -> str | None:
        """The schema revision of the store (None: empty database)."""
        with self.engine.connect() as connection:
            return self._revision(connection)

    def upgrade(self, target: str = "head") -> None:
        """Apply the migrations up to ``target``, in one transaction where the database can."""
        from alembic import command

        with self.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK})
            command.upgrade(_alembic_config(connection), target)

    def close(self) -> None:
        """Release the connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.display_url!r})"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
