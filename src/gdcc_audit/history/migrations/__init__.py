"""Alembic migrations of the history store, applied by :meth:`gdcc_audit.history.Store.upgrade`."""
