"""Whether a managed database refuses unencrypted connections, decided by its parameter group.

RDS, Aurora and DocumentDB enforce TLS with one parameter of the database's (cluster) parameter
group. A database that names no group gets the engine's default group; a custom group inherits
the engine's default for every parameter it does not set. So the answer is, in order:

1. the TLS parameter as the group in the scan writes it;
2. else the engine's documented default (labelled "default" in the finding, with the page);
3. UNKNOWN, with the reason, only when neither can be known: a group named but not in the
   scan, a value computed at apply time, an engine or version the input does not show, an
   engine whose TLS is set elsewhere (Oracle: an option group).

Engine defaults (each from the page cited in :data:`_ENGINES`):

- PostgreSQL ``rds.force_ssl``: 1 from version 15 on, 0 before ("The default value of the
  rds.force_ssl parameter is 1 (on) for RDS for PostgreSQL version 15 and later");
- MySQL, MariaDB ``require_secure_transport``: OFF; SQL Server ``rds.force_ssl``: 0;
- Db2 ``db2comm``: TCPIP (TLS needs a custom group with ``DB2COMM`` ``SSL``; ``TCPIP,SSL``
  still accepts clear text on the plain port);
- Aurora MySQL ``require_secure_transport``: OFF; Aurora PostgreSQL ``rds.force_ssl``: 0;
- DocumentDB ``tls``: enabled; Neptune: HTTPS only from engine 1.0.4.0;
- Redshift ``require_ssl``: false ("By default, cluster databases accept a connection whether
  it uses SSL or not"; the 2025 announcement of SSL-requiring default groups for new clusters
  is shown with the finding, not assumed: ``normalize/defaults.py``).

The same groups decide whether DocumentDB and Neptune record audit events
(:func:`cluster_audit`): exporting the audit log records nothing until the group turns them on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import DefaultedFacet
from gdcc_audit.normalize.defaults import REDSHIFT_SSL_DOC, REDSHIFT_SSL_UNLESS

_RDS = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/"
_AURORA = "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/"
RDS_TLS_DOC = _RDS + "UsingWithRDS.SSL.html"
_POSTGRES_DOC = _RDS + "PostgreSQL.Concepts.General.SSL.html"
_SQLSERVER_DOC = _RDS + "SQLServer.Concepts.General.SSL.Using.html"
_DB2_DOC = _RDS + "Db2.Concepts.SSL.html"
_AURORA_MYSQL_DOC = _AURORA + "AuroraMySQL.Security.html"
_AURORA_POSTGRES_DOC = _AURORA + "ssl-certificate-rotation-aurora-postgresql.html"
DOCDB_TLS_DOC = "https://docs.aws.amazon.com/documentdb/latest/developerguide/security.encryption.ssl.html"
REDSHIFT_TLS_DOC = REDSHIFT_SSL_DOC

#: Major versions of RDS for PostgreSQL (9.6 and 10 to 18). A family or version outside them
#: ("postgres123") names no release whose default is documented: not known.
_POSTGRES_MAJORS = frozenset({9, *range(10, 19)})


@dataclass(frozen=True)
class Tls:
    """Whether TLS is required, and how that is known: ``default`` when the engine's
    documented default decided (nothing in the input sets the parameter), ``unknown`` the
    reason when ``required`` is ``None``."""

    required: bool | None
    default: DefaultedFacet | None = None
    unknown: Text | None = None


def _switch(value: str) -> bool | None:
    lowered = value.strip().lower()
    if lowered in ("1", "on", "true"):
        return True
    if lowered in ("0", "off", "false"):
        return False
    return None


def _db2comm(value: str) -> bool | None:
    # "SSL" alone: only the TLS port listens; "TCPIP" or "TCPIP,SSL": the clear-text port too.
    protocols = {part.strip().upper() for part in value.split(",") if part.strip()}
    return protocols == {"SSL"}


def _docdb_tls(value: str) -> bool | None:
    # "enabled", "fips-140-3", "tls1.2+", "tls1.3+" require TLS; "disabled" does not.
    lowered = value.strip().lower()
    if lowered == "disabled":
        return False
    if lowered in ("enabled", "fips-140-3", "tls1.2+", "tls1.3+"):
        return True
    return None


def _postgres_default(version: str | None) -> bool | None:
    major = re.match(r"(\d+)", version or "")
    if major is None or int(major.group(1)) not in _POSTGRES_MAJORS:
        return None
    return int(major.group(1)) >= 15


def _never(version: str | None) -> bool | None:
    return False


@dataclass(frozen=True)
class _Engine:
    parameter: str
    read: Callable[[str], bool | None]
    default: Callable[[str | None], bool | None]
    doc: str
    #: What can still change the default of the engine's default group (shown with the
    #: finding when no group, or an AWS ``default.*`` one, is used).
    unless: Text | None = None


_ENGINES: dict[str, _Engine] = {
    "postgres": _Engine("rds.force_ssl", _switch, _postgres_default, _POSTGRES_DOC),
    "sqlserver": _Engine("rds.force_ssl", _switch, _never, _SQLSERVER_DOC),
    "mysql": _Engine("require_secure_transport", _switch, _never, RDS_TLS_DOC),
    "mariadb": _Engine("require_secure_transport", _switch, _never, RDS_TLS_DOC),
    "db2": _Engine("db2comm", _db2comm, _never, _DB2_DOC),
    "aurora-mysql": _Engine("require_secure_transport", _switch, _never, _AURORA_MYSQL_DOC),
    "aurora-postgresql": _Engine("rds.force_ssl", _switch, _never, _AURORA_POSTGRES_DOC),
    "docdb": _Engine("tls", _docdb_tls, lambda version: True, DOCDB_TLS_DOC),
    # Redshift: require_ssl of the cluster parameter group, false by default (the page and the
    # 2025 announcement are in normalize/defaults.py)
    "redshift": _Engine("require_ssl", _switch, _never, REDSHIFT_TLS_DOC, REDSHIFT_SSL_UNLESS),
}
#: A parameter that only one family of engines has says which engine a group is for even when
#: its family is not readable.
_READERS: dict[str, Callable[[str], bool | None]] = {
    "rds.force_ssl": _switch,
    "require_secure_transport": _switch,
    "db2comm": _db2comm,
}

#: Engine names as RDS writes them (``engine`` / ``Engine``) and in parameter group families
#: (``postgres16``, ``default.mysql8.0``, ``sqlserver-se-15.0``, ``db2-ae-11.5``,
#: ``aurora-postgresql15``, ``aurora5.6``, ``docdb5.0``), most specific first.
_NAMES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("aurora-postgresql", re.compile(r"^aurora-postgresql(?P<v>[\d.]*)")),
    ("aurora-mysql", re.compile(r"^aurora(?:-mysql)?(?P<v>[\d.]*)$")),
    ("postgres", re.compile(r"^postgres(?:ql)?(?P<v>[\d.]*)$")),
    ("mysql", re.compile(r"^mysql(?P<v>[\d.]*)$")),
    ("mariadb", re.compile(r"^mariadb(?P<v>[\d.]*)$")),
    ("sqlserver", re.compile(r"^(?:custom-)?sqlserver-(?:ee|se|ex|web|dev)(?:-(?P<v>[\d.]+))?")),
    # Db2 families are db2-ae-11.5 / db2-se-11.5; no other engine's name holds "db2-".
    ("db2", re.compile(r"db2-(?:ae|se)(?:-(?P<v>[\d.]+))?")),
    ("oracle", re.compile(r"^(?:custom-)?oracle-")),
    ("docdb", re.compile(r"^docdb(?P<v>[\d.]*)$")),
    ("redshift", re.compile(r"^redshift(?:-(?P<v>[\d.]+))?$")),
)


def engine_of(name: str | None) -> tuple[str | None, str | None]:
    """The engine and version an engine name or parameter group family names (``None`` for
    what it does not say)."""
    if not name:
        return None, None
    lowered = name.strip().lower().removeprefix("default.")
    for engine, pattern in _NAMES:
        match = pattern.search(lowered)
        if match is not None:
            version = match.groupdict().get("v") or None
            return engine, version
    return None, None


def _unknown(en: str, th: str) -> Tls:
    return Tls(None, unknown=Text(en=en, th=th))


def _engine_default(
    engine: str | None, version: str | None, attribute: str, default_group: bool = True
) -> Tls:
    """What the engine's default group gives (``default_group``; else what a custom group
    inherits from its family); ``attribute`` is what the user did not set."""
    if engine == "oracle":
        return _unknown(
            "Oracle takes TLS from an option group (SSL or NATIVE_NETWORK_ENCRYPTION option), "
            "not read",
            "Oracle กำหนด TLS ด้วย option group (SSL หรือ NATIVE_NETWORK_ENCRYPTION) ซึ่งไม่ได้อ่าน",
        )
    spec = _ENGINES.get(engine or "")
    if spec is None:
        return _unknown(
            "the database engine is not known from the input",
            "ไม่ทราบ engine ของฐานข้อมูลจากข้อมูลนำเข้า",
        )
    required = spec.default(version)
    if required is None:
        return _unknown(
            f"the default of {spec.parameter} depends on the {engine} version, not known "
            f"from the input ({version or 'no version'})",
            f"ค่าเริ่มต้นของ {spec.parameter} ขึ้นกับเวอร์ชันของ {engine} ซึ่งไม่ทราบจากข้อมูลนำเข้า "
            f"({version or 'ไม่ระบุเวอร์ชัน'})",
        )
    unless = spec.unless if default_group else None
    return Tls(required, default=DefaultedFacet(attribute=attribute, doc=spec.doc, unless=unless))


def without_group(engine: str | None, version: str | None, attribute: str) -> Tls:
    """A database that names no parameter group (``attribute`` not written): the engine's
    default group decides."""
    found, _ = engine_of(engine)
    return _engine_default(found, version, attribute)


def outside_scan(
    group: str, parameter: str = "the TLS parameter", kind: str = "parameter group"
) -> Tls:
    """A database whose parameter (or option) group is named but not in the scan."""
    return _unknown(
        f"its {kind} {group} is not in the scan: it may set {parameter}",
        f"{kind} {group} ไม่อยู่ในขอบเขตการตรวจ อาจกำหนด {parameter} ไว้",
    )


DOCDB_AUDIT_DOC = "https://docs.aws.amazon.com/documentdb/latest/developerguide/event-auditing.html"
NEPTUNE_AUDIT_DOC = "https://docs.aws.amazon.com/neptune/latest/userguide/auditing.html"


def _docdb_audit_logs(value: str) -> bool | None:
    events = {part.strip().lower() for part in value.split(",") if part.strip()}
    if events and events <= {"disabled", "none"}:
        return False
    if events & {"enabled", "all", "ddl", "dml_read", "dml_write"}:
        return True
    return None


#: Engine -> (the cluster parameter that turns audit events on, how to read it, the page
#: saying it is off by default). DocumentDB: "By default, auditing is disabled on Amazon
#: DocumentDB and requires that you opt in"; Neptune: "To audit Amazon Neptune DB cluster
#: activity, enable the collection of audit logs by setting a DB cluster parameter"
#: (neptune_enable_audit_log, 0 by default). The audit log export alone records nothing.
_AUDIT: dict[str, tuple[str, Callable[[str], bool | None], str]] = {
    "docdb": ("audit_logs", _docdb_audit_logs, DOCDB_AUDIT_DOC),
    "neptune": ("neptune_enable_audit_log", _switch, NEPTUNE_AUDIT_DOC),
}


def cluster_audit(
    engine: str,
    parameters: Mapping[str, str | None] | None,
    group: str | None,
    attribute: str,
) -> Tls:
    """Whether a DocumentDB or Neptune cluster records audit events (connections, queries,
    users): the audit parameter of its cluster parameter group, off by default. ``group`` is
    the group in the scan (``None``: the default group; ``attribute`` is then what the user did
    not set); ``parameters`` ``None`` when the group's parameters cannot be read.
    ``required`` means "audit events recorded"."""
    name, read, doc = _AUDIT[engine]
    if group is None:
        return Tls(False, default=DefaultedFacet(attribute=attribute, doc=doc))
    if parameters is None:
        return _unknown(
            f"the parameters of {group} are not known before apply",
            f"ไม่ทราบพารามิเตอร์ของ {group} ก่อนการ apply",
        )
    if name not in parameters:
        return Tls(False, default=DefaultedFacet(attribute=f"{name} in {group}", doc=doc))
    return _written(name, parameters[name], group, read)


def _written(
    name: str, value: str | None, group: str, read: Callable[[str], bool | None]
) -> Tls:
    """The verdict a parameter written in ``group`` gives: ``read(value)``, or UNKNOWN with
    the reason (a value known only after apply, or one this check does not know)."""
    if value is None:
        return _unknown(
            f"{name} in {group} is not known before apply",
            f"ไม่ทราบค่า {name} ใน {group} ก่อนการ apply",
        )
    verdict = read(value)
    if verdict is None:
        return _unknown(
            f"{name} = {value!r} in {group} is not a value this check knows",
            f"ค่า {name} = {value!r} ใน {group} ไม่ใช่ค่าที่รู้จัก",
        )
    return Tls(verdict)


def audit_parameter(engine: str) -> str:
    """The cluster parameter that turns ``engine``'s audit events on."""
    return _AUDIT[engine][0]


def from_group(
    engine: str | None,
    version: str | None,
    family: str | None,
    parameters: Mapping[str, str | None] | None,
    group: str,
) -> Tls:
    """A database whose parameter group ``group`` is in the scan: its TLS parameter as
    written, else the engine's default (the instance's ``engine`` first, else the group's
    ``family``). ``parameters`` maps name -> value (``None`` for a value not known before
    apply); ``None`` when the group's parameters cannot be read at all."""
    found, found_version = engine_of(engine)
    family_engine, family_version = engine_of(family)
    if found is None:
        found, found_version = family_engine, family_version
    elif family_engine == found:
        # the family must be the engine's ("postgres13" for a PostgreSQL 13 instance)
        found_version = found_version or family_version
    version = version or found_version
    if parameters is None:
        return _unknown(
            f"the parameters of {group} are not known before apply",
            f"ไม่ทราบพารามิเตอร์ของ {group} ก่อนการ apply",
        )
    spec = _ENGINES.get(found or "")
    names = (spec.parameter,) if spec is not None else tuple(_READERS)
    for name in names:
        if name not in parameters:
            continue
        read = spec.read if spec is not None else _READERS[name]
        return _written(name, parameters[name], group, read)
    if found is None and family:
        return _unknown(
            f"the family {family!r} of {group} is not a parameter group family of a known "
            "engine, and the group sets no TLS parameter",
            f"family {family!r} ของ {group} ไม่ใช่ family ของ engine ที่รู้จัก และไม่ได้กำหนดพารามิเตอร์ TLS",
        )
    parameter = spec.parameter if spec is not None else "the TLS parameter"
    default_group = group.strip().lower().startswith("default.")
    return _engine_default(found, version, f"{parameter} in {group}", default_group)


def parameter_group(
    engine: str,
    family: str | None,
    parameters: Mapping[str, str | None] | None,
    group: str,
) -> tuple[Tls | None, Tls | None]:
    """A DocumentDB, Neptune or Redshift parameter group judged on its own, whether or not a
    database of the scan names it (a module may create the group for databases elsewhere):
    whether it requires TLS (its parameter as written, else what it inherits from its
    family's defaults; ``None`` for Neptune, HTTPS only from engine 1.0.4.0 whatever the
    group sets) and, for an engine whose group turns audit events on (DocumentDB
    ``audit_logs``, Neptune ``neptune_enable_audit_log``), whether it does; ``None`` for an
    engine whose group does not decide that (Redshift: audit logging is the cluster's
    ``logging``)."""
    tls = None if engine == "neptune" else from_group(engine, None, family, parameters, group)
    audit = cluster_audit(engine, parameters, group, group) if engine in _AUDIT else None
    return tls, audit


NEPTUNE_TLS_DOC = "https://docs.aws.amazon.com/neptune/latest/userguide/security-ssl.html"


def neptune(version: str | None) -> Tls:
    """Neptune: "Beginning with engine version 1.0.4.0, Amazon Neptune only allows Secure
    Sockets Layer (SSL) connections through HTTPS to any instance or cluster endpoint" (no
    parameter turns it off from that version on; older engines are no longer offered). An
    older ``engine_version`` written explicitly is not known."""
    parts = re.findall(r"\d+", version or "")
    if parts and tuple(int(p) for p in parts[:4]) < (1, 0, 4, 0):
        return _unknown(
            f"Neptune {version} predates HTTPS-only endpoints (1.0.4.0): its cluster "
            "parameter group's neptune_enforce_ssl decides, not read",
            f"Neptune {version} เก่ากว่ารุ่นที่บังคับ HTTPS (1.0.4.0) ค่า neptune_enforce_ssl ของ "
            "parameter group เป็นตัวกำหนด ซึ่งไม่ได้อ่าน",
        )
    return Tls(True)


MYSQL_GENERAL_DOC = _RDS + "USER_LogAccess.MySQL.Generallog.html"
MYSQL_AUDIT_DOC = _RDS + "Appendix.MySQL.Options.AuditPlugin.html"
AURORA_AUDIT_DOC = _AURORA + "AuroraMySQL.Auditing.html"
#: The option that writes MySQL's and MariaDB's audit log on RDS.
AUDIT_PLUGIN = "MARIADB_AUDIT_PLUGIN"


@dataclass(frozen=True)
class Group:
    """The parameter group a database uses, as far as the scan shows it: ``parameters``
    (name -> value, ``None`` for a value not known before apply; ``None`` when they cannot be
    read), ``name`` the group's address or name (``None``: the engine's default group, with
    ``attribute`` the argument the user did not write), ``unknown`` why it is not known (a
    group outside the scan)."""

    parameters: Mapping[str, str | None] | None
    name: str | None
    attribute: str
    unknown: Text | None = None


def _parameter_default(group: Group, parameter: str, doc: str) -> DefaultedFacet:
    where = group.attribute if group.name is None else f"{parameter} in {group.name}"
    return DefaultedFacet(attribute=where, doc=doc)


def _switched_on(group: Group, parameter: str, doc: str) -> Tls:
    """A 0/1 parameter that is 0 by default, as ``group`` sets it."""
    if group.unknown is not None:
        return Tls(None, unknown=group.unknown)
    if group.parameters is None:
        return _unknown(
            f"the parameters of {group.name} are not known before apply",
            f"ไม่ทราบพารามิเตอร์ของ {group.name} ก่อนการ apply",
        )
    if parameter not in group.parameters:
        return Tls(False, default=_parameter_default(group, parameter, doc))
    value = group.parameters[parameter]
    on = None if value is None else _switch(value)
    if on is None:
        return _unknown(
            f"{parameter} in {group.name} is not known before apply",
            f"ไม่ทราบค่า {parameter} ใน {group.name} ก่อนการ apply",
        )
    return Tls(on)


#: PostgreSQL connection logging on RDS and Aurora: "log_connections" and
#: "log_disconnections" have no value in the default parameter group ("–" in the table of
#: RDS user guide, "Turning on query logging for your RDS for PostgreSQL DB instance", and of
#: the Aurora user guide's "Turning on query logging for your Aurora PostgreSQL DB cluster"),
#: so PostgreSQL's own default holds: off ("log_connections (boolean) ... Default is off",
#: PostgreSQL documentation, runtime-config-logging; an empty list from PostgreSQL 18).
POSTGRES_LOG_DOC = _RDS + "USER_LogAccess.Concepts.PostgreSQL.Query_Logging.html"
AURORA_POSTGRES_LOG_DOC = _AURORA + "USER_LogAccess.Concepts.PostgreSQL.Query_Logging.html"
CONNECTION_PARAMETERS = ("log_connections", "log_disconnections")


def connection_logging(groups: Sequence[Group], doc: str) -> tuple[Tls, tuple[str, ...]]:
    """Whether a PostgreSQL database's parameter groups turn both connection-logging
    parameters on (``required``), and which are off. ``groups`` in order of precedence (an
    Aurora instance's DB parameter group before its cluster's group, whose values are the
    instances' defaults); the last decides a parameter none of the others sets: off by
    default (labelled so, with ``doc``). A group outside the scan or a value computed at
    apply time: not known."""
    decisions: dict[str, Tls] = {}
    for name in CONNECTION_PARAMETERS:
        deciding = groups[-1]
        for group in groups[:-1]:
            if group.unknown is not None or group.parameters is None or (
                name in group.parameters
            ):
                deciding = group
                break
        decisions[name] = _switched_on(deciding, name, doc)
    off = tuple(name for name, d in decisions.items() if d.required is False)
    if off:
        defaulted = [name for name in off if decisions[name].default is not None]
        if len(defaulted) < len(off):
            return Tls(False), off  # one is written off: no default decided
        last = groups[-1]
        where = last.attribute if last.name is None else (
            f"{', '.join(defaulted)} in {last.name}"
        )
        return Tls(False, default=DefaultedFacet(attribute=where, doc=doc)), off
    unknown = next((d for d in decisions.values() if d.required is None), None)
    return (unknown, ()) if unknown is not None else (Tls(True), ())


def mysql_access_logs(
    engine: str | None,
    exports: tuple[str, ...],
    group: Group,
    audit_plugin: Tls,
) -> Tls | None:
    """Whether the access logs a MySQL-family database exports record anything; ``None`` when
    the engine is not MySQL, MariaDB or Aurora MySQL (the export list alone decides).

    - ``general``: written only when ``general_log`` is 1, 0 by default (RDS user guide,
      "MySQL general log": "you can enable the general log by setting general_log to 1");
    - ``audit`` of RDS MySQL / MariaDB: written by the ``MARIADB_AUDIT_PLUGIN`` option of the
      instance's option group (the default option group has no option): ``audit_plugin``;
    - ``audit`` of Aurora MySQL: Advanced Auditing, on when the cluster parameter group sets
      ``server_audit_logging`` to 1 ("you enable the collection of audit logs by setting
      several DB cluster parameters").
    """
    found, _ = engine_of(engine)
    if found not in ("mysql", "mariadb", "aurora-mysql"):
        return None
    names = {name.strip().lower() for name in exports}
    decisions: list[Tls] = []
    if "general" in names:
        decisions.append(_switched_on(group, "general_log", MYSQL_GENERAL_DOC))
    if "audit" in names:
        if found == "aurora-mysql":
            decisions.append(_switched_on(group, "server_audit_logging", AURORA_AUDIT_DOC))
        else:
            decisions.append(audit_plugin)
    if not decisions:
        return None  # no general or audit log: the export list decides
    if any(d.required is True for d in decisions):
        return Tls(True)
    unknown = next((d for d in decisions if d.required is None), None)
    if unknown is not None:
        return unknown
    return Tls(False, default=next((d.default for d in decisions if d.default), None))


def audit_plugin(options: list[str] | None, group: str | None, attribute: str) -> Tls:
    """Whether an RDS MySQL / MariaDB instance's option group (``group``; ``None`` for the
    default group, which has no option) holds the audit plugin; ``options`` the option names,
    ``None`` when not known."""
    if group is None:
        return Tls(False, default=DefaultedFacet(attribute=attribute, doc=MYSQL_AUDIT_DOC))
    if options is None:
        return _unknown(
            f"the options of {group} are not known before apply",
            f"ไม่ทราบ option ของ {group} ก่อนการ apply",
        )
    on = AUDIT_PLUGIN in {o.strip().upper() for o in options}
    if on:
        return Tls(True)
    return Tls(False)  # its option group, in the scan, has no audit plugin


#: Why a provisioned Redshift cluster PASSes GDCC-DB-001 whatever it writes: "Amazon Redshift
#: provides the GetClusterCredentials API operation to generate temporary database user
#: credentials" for an IAM identity (Redshift Management Guide,
#: generating-iam-credentials-overview.html); no cluster setting turns it on or off.
REDSHIFT_IAM = Text(
    en="Redshift issues temporary database credentials to IAM identities "
    "(GetClusterCredentials) on every cluster; no setting turns it off",
    th="Redshift ออกข้อมูลรับรองฐานข้อมูลชั่วคราวให้ตัวตน IAM (GetClusterCredentials) "
    "ในทุกคลัสเตอร์ โดยไม่มีค่าใดปิดได้",
)
