"""Portfolio runs: audit many tenants at once, one Dask task per tenant.

``audit_portfolio(path_or_portfolio, settings)`` runs on a local Dask cluster by default, on an
existing scheduler when named, and in this process when Dask is not installed.
"""

from gdcc_audit.portfolio.runner import PortfolioResult, ResultSink, audit_portfolio
from gdcc_audit.portfolio.spec import Portfolio, Tenant, TenantEntry, load_portfolio
from gdcc_audit.portfolio.task import TenantOutcome, TenantStatus

__all__ = [
    "Portfolio",
    "PortfolioResult",
    "ResultSink",
    "Tenant",
    "TenantEntry",
    "TenantOutcome",
    "TenantStatus",
    "audit_portfolio",
    "load_portfolio",
]
