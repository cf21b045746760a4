"""Configuration files kept in a Kubernetes Secret (``alertmanager.yaml``, ``grafana.ini``,
``datasources.yaml``): a value of a Secret is a secret by its place, but a configuration
file there is a document, and a document none of whose settings can hold a credential, with
no credential's shape in its text, holds no secret. kube-prometheus keeps Alertmanager's
routes, Grafana's ``[date_formats]`` and its Prometheus data source in Secrets: each FAILed
GDCC-SECRET-001 as "a secret written in plain text".

The judgement is careful: any setting whose name has a word that may name a credential
(``password``, ``token``, ``key``, ``auth``, ``secret``, ``webhook``, ``dsn`` ...: a
PagerDuty ``routing_key``, a kubeconfig's ``client-key-data``, an ``auth`` section) with a
non-empty text value, or any credential shape in the text, keeps the whole value a secret;
so does a file that cannot be read as settings (an XML file, a YAML that does not parse, a
PEM key).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from gdcc_audit.secrets.detect import detect_secrets

#: A Secret key named as a configuration file, and the files read as YAML / JSON.
_CONFIG_FILE = re.compile(
    r"[\w.-]+\.(?:ya?ml|json|ini|conf|cfg|toml|properties)", re.IGNORECASE
)
_DOCUMENT = re.compile(r".*\.(?:ya?ml|json)", re.IGNORECASE)
#: A ``name = value`` / ``name: value`` line of an INI, TOML, properties or conf file; a
#: ``[section]`` header and comments are skipped.
_SETTING_LINE = re.compile(r"\s*([A-Za-z_][\w.-]*)\s*[=:]\s*(.*?)\s*")
_SKIPPED_LINE = re.compile(r"\s*(?:[#;!].*|\[[^\]]*\])?\s*")
#: Words of a setting's name that may name a credential.
_CREDENTIAL_WORDS = frozenset(
    {"password", "passwd", "pass", "pwd", "secret", "secrets", "token", "tokens", "key",
     "keys", "apikey", "auth", "authorization", "credential", "credentials", "cert",
     "certificate", "private", "bearer", "webhook", "hook", "htpasswd", "sig", "signature",
     "dsn", "connection", "conn", "jwt", "salt", "cookie", "session", "sas", "oauth",
     "passphrase", "pin", "otp", "totp", "login"}
)
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NOT_WORD = re.compile(r"[_\W]+")
#: Values that are settings whatever their name (``auth_enabled: false``).
_PLAIN = re.compile(r"(?i:true|false|yes|no|on|off|none|null|\d+(?:\.\d+)?[a-z]{0,2})?")


#: The most settings read in one file (YAML aliases can make a small text a huge tree: past
#: this, the file is taken as one that may hold a credential), and the longest text read.
_MAX_SETTINGS = 20000
_MAX_TEXT = 262144


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _document(text: str) -> Any:
    """The YAML (or JSON) document ``text`` holds; None when it does not parse."""
    try:
        return yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError:
        return None


def _within(value: Any, budget: list[int]) -> bool:
    """Whether ``value`` holds at most ``budget`` settings (its aliases' copies counted)."""
    budget[0] -= 1
    if budget[0] < 0:
        return False
    if isinstance(value, dict):
        return all(_within(v, budget) for v in value.values())
    if isinstance(value, list):
        return all(_within(v, budget) for v in value)
    return True


#: A value naming a variable or a key kept elsewhere (Argo CD's ``clientSecret:
#: $dex.github.clientSecret``, ``token: $slack-token``: a key of ``argocd-secret``; a
#: ``$VAR`` an entry point or envsubst fills in).
_VARIABLE = re.compile(r"\$[A-Za-z_][\w.-]*")


def _without_variables(value: Any) -> Any:
    """``value`` with each string naming a variable (:data:`_VARIABLE`) left out."""
    if isinstance(value, dict):
        return {k: _without_variables(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_variables(v) for v in value]
    if isinstance(value, str) and _VARIABLE.fullmatch(value.strip()):
        return None
    return value


def document_secrets(key: str, text: str, prefix: str) -> tuple[str, ...]:
    """The secrets written by name in a YAML or JSON configuration file kept in a ConfigMap
    (a key named ``*.yaml``, ``*.yml``, ``*.json``, or any key whose text of several lines is
    a YAML mapping): its settings read as a Helm values file is (``extensions.
    bearertokenauth.token: somerandomtoken`` in istio's OpenTelemetry collector
    configuration PASSed: only credential shapes were searched in the text, and a token's
    shape is 16 characters or more). A value naming a variable or another store's key
    (``$slack-token``) is none. Paths under ``prefix.key``; none for a file that does not
    parse, is over 256 KB or whose aliases expand past 20,000 settings."""
    named = _DOCUMENT.fullmatch(key.strip()) is not None
    if (not named and "\n" not in text.strip()) or len(text) > _MAX_TEXT:
        return ()
    parsed = _document(text)
    if not named and not (
        isinstance(parsed, dict) and any(isinstance(v, dict | list) for v in parsed.values())
    ):
        # a key not named as a file: a document with sections only (flat ``name: value``
        # lines are another format's, such as nsswitch.conf's ``passwd: compat``)
        return ()
    if not isinstance(parsed, dict | list):
        return ()
    if not _within(parsed, [_MAX_SETTINGS]):
        return ()
    return detect_secrets(_without_variables(parsed), path_prefix=f"{prefix}.{key}")


def _words(name: str) -> set[str]:
    return {w for w in _NOT_WORD.split(_CAMEL.sub("_", name).lower()) if w}


def _may_hold_credential(name: str, value: Any, budget: list[int]) -> bool:
    """Whether a setting named ``name`` holding ``value`` may be a credential: a name with a
    credential's word and a text value that is not a plain setting, or such a mapping or
    list below any name (``budget``: settings left to read; none left: it may)."""
    budget[0] -= 1
    if budget[0] < 0:
        return True
    if isinstance(value, dict):
        return any(_may_hold_credential(str(k), v, budget) for k, v in value.items())
    if isinstance(value, list):
        return any(_may_hold_credential(name, v, budget) for v in value)
    if not _words(name) & _CREDENTIAL_WORDS:
        return False
    if value is None or isinstance(value, bool | int | float):
        return False
    return _PLAIN.fullmatch(str(value).strip().strip("'\"")) is None


def _settings(text: str, key: str) -> Any:
    """The settings ``text`` holds (a YAML / JSON document, else ``name = value`` lines);
    None when it cannot be read so."""
    if _DOCUMENT.fullmatch(key):
        parsed = _document(text)
        return parsed if isinstance(parsed, dict | list) else None
    found: list[tuple[str, str]] = []
    for line in text.splitlines():
        if _SKIPPED_LINE.fullmatch(line):
            continue
        setting = _SETTING_LINE.fullmatch(line)
        if setting is None:
            return None  # not settings only (a script, a PEM block, an nginx block)
        found.append((setting[1], setting[2]))
    return {"": [{name: value} for name, value in found]} if found else None


def settings_only(key: str, text: str) -> bool:
    """Whether a Secret's value under ``key`` is a configuration file (named so) holding no
    setting that may be a credential and no credential's shape: no secret is written."""
    if (
        _CONFIG_FILE.fullmatch(key.strip()) is None or not text.strip()
        or len(text) > _MAX_TEXT
    ):
        return False
    settings = _settings(text, key)
    if settings is None or _may_hold_credential("", settings, [_MAX_SETTINGS]):
        return False
    return not detect_secrets({"text": text})  # a credential's shape anywhere in it
