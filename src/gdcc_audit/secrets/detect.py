"""Hard-coded secret detection shared by every IaC mapper (Terraform, CloudFormation, Heat, ...).

``detect_secrets(values)`` walks plain Python values (dicts, lists, strings) and returns the
*paths* of attributes that hold a literal secret, never the secret itself. Two signals:

- the attribute is named like a secret (``password``, ``admin_pass``, ``client_secret``,
  ``private_key``, ``DB_PASSWORD`` in an environment map ...) and holds a non-empty literal
  string (or a list of them; a mapping's own keys decide its fields);
- any string, whatever its name (``user_data``, ``metadata.startup-script``), contains a
  well-known credential shape: an AWS access key id with its secret, a PEM private key, a
  ``password=...`` assignment with a literal value.

Only literals count: anything that is not a ``str`` (the Terraform ``UNKNOWN`` sentinel, a
CloudFormation ``{"Ref": ...}``, numbers, booleans) is a reference or a setting, not a secret.
Strings that are themselves expressions (``${var.db_password}``, ``{{ resolve:... }}``) are not
secrets either, and a string the Terraform evaluator read from another resource's name, ARN
or URL (a :class:`~gdcc_audit.secrets.pointer.Pointer`), or built of such reads and words of a
name (a :class:`~gdcc_audit.secrets.pointer.Composed`), is judged by its shape only.
"""

from __future__ import annotations

import base64
import json
import re
import zlib
from collections.abc import Mapping
from functools import lru_cache
from itertools import pairwise
from typing import Any, NamedTuple

from gdcc_audit.models.secret_names import is_ciphertext_name, is_secret_name
from gdcc_audit.secrets.pointer import Composed, Pointer, SecretBearing, locator, name_piece

__all__ = [
    "TOO_BIG", "certificates_only", "credential_file", "decoded_user_data", "detect_secrets",
    "identity_key", "image_of_job", "is_secret_name", "issued_key_placeholder", "key_material",
    "key_named", "key_parameter", "names_object", "names_reference",
    "partly_written_secrets", "redact", "secret_value", "split_option_secrets",
]

#: Names of a JSON document written as a string, scanned field by field: the
#: ``SecretStringTemplate`` of a generated secret (``{"username": "admin"}``) holds the fields
#: stored beside the generated one, which are secrets only when named or shaped like one; the
#: container definitions of an ECS task (Terraform ``container_definitions``,
#: ``jsonencode([{environment = [{name = "DB_PASSWORD", value = ...}]}])``) and of an AWS
#: Batch job (``container_properties``, ``ecs_properties``) hold environment pairs.
_JSON_TEMPLATE_NAMES = frozenset(
    {"secretstringtemplate", "container_definitions", "container_properties", "ecs_properties",
     # the parameters an Azure template deployment is given (``azurerm_resource_group_
     # template_deployment`` ``parameters_content``: ``{"adminPassword": {"value": ...}}``)
     "parameters_content"}
)
#: Keys of a mapping saying where its value comes from (External Secrets ``remoteRef`` /
#: ``sourceRef``, Kubernetes ``valueFrom``): the mapping's own fields name the target.
_FROM_KEYS = frozenset({"remoteref", "sourceref", "valuefrom"})
#: The fields of a parameter given as a one-value object (an ARM deployment parameter
#: ``{"value": ...}``): under a secret's name, its ``value`` is the secret.
_VALUE_WRAPPER = frozenset({"value", "type"})

#: The keys of a name / value pair (an environment variable written ``{name, value}``: ECS
#: ``environment``, CodeBuild ``environment_variable``, Cloud Run ``env``, Elastic Beanstalk
#: ``setting`` / ``OptionSettings``, helm ``set``): the value is a secret when the name is
#: named like one.
_PAIR_NAMES = ("name", "Name", "key", "Key", "OptionName", "ParameterKey", "optionName",
               "parameterKey", "NAME", "KEY")  # fmt: skip
_PAIR_VALUE_KEYS = ("value", "Value", "ParameterValue", "parameterValue", "VALUE")
_PAIR_VALUES = frozenset({"value", "parametervalue"})
#: Where a pair's ``type`` says its value comes from a secrets store (CodeBuild
#: ``environment_variable`` ``type = "PARAMETER_STORE"`` / ``"SECRETS_MANAGER"``: the value
#: is a parameter name or secret ARN, not the secret).
_STORE_TYPES = frozenset({"parameter_store", "secrets_manager"})

#: Credential shapes recognised inside any string.
_VALUE_SOURCES = (
    r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY",
    r"(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])",
    (r"(?i)(?:aws_secret_access_key|secret_key|client_secret|api_key)\s*[:=]\s*['\"]?"
        r"[A-Za-z0-9/+=_\-]{16,}"),
    # ``password=x``, ``password: x`` and a quoted key (``"password": "x"``: JSON in a
    # string); not a setting word (cloud-init ``lock_passwd: true`` FAILed)
    # nor a PowerShell cmdlet computing it (``$password = ConvertTo-SecureString $pw ...``,
    # ``Read-Host``: the literal after ConvertTo-SecureString is read in _COMMAND_SOURCES)
    # nor a variable escaped for a later expansion (``password: \${ADMIN_PWD}`` in a Jenkins
    # configuration-as-code template, serverless-jenkins-on-aws-fargate: FAILed)
    # (``=>``: a Puppet or Perl hash, ``openshift_password1 => 'x'`` in openshift-origin's
    # user data PASSed; a numbered one, ``password1``, as well)
    # (not sudoers' tag, ``cinder ALL = (root) NOPASSWD: /usr/bin/cinder-rootwrap``: the
    # ``NOPASSWD:`` tag says sudo asks for no password before the commands that follow, a
    # path, ``ALL`` or an alias (sudoers(5) Tag_Spec; openstack-helm's sudoers FAILed))
    (r"(?i)(?!(?<=(?-i:NO))(?-i:PASSWD):[ \t]*(?:/|(?-i:[A-Z][A-Z0-9_]*)(?![\w/])))"
        r"(?:password|passwd|pwd)\d?['\"]?[ \t]*(?:=>|[:=])[ \t]*['\"]?"
        r"(?!-?\\?[$%{<]|['\"]?[ \t]*$)"
        r"(?!(?:true|false|yes|no|none|null|nil|on|off)(?:[\s'\",;}\]]|$))"
        # nor an oslo.rootwrap filter named for a password file (nova's ``read_passwd:
        # RegExpFilter, cat, root, cat, .../etc/passwd``: a filter class, then its command)
        r"(?!(?-i:[A-Z][A-Za-z]*Filter),)"
        r"(?!(?-i:(?:ConvertTo|ConvertFrom|Read|Get|New)-[A-Z][A-Za-z]+)(?:[\s'\";)]|$))"
        # (PowerShell is case-insensitive: ``$admin_pwd = convertto-securestring ...`` in
        # quickstart-microsoft-sql's cfn-init script FAILed; the common cmdlets any case)
        r"(?!(?:convertto-securestring|convertfrom-securestring|read-host|get-credential"
        r"|get-content|get-secret|new-object)(?:[\s'\";)]|$))"
        # nor code reading it (a function's source: ``AllowUsersToChangePassword:
        # event.ResourceProperties.Allow...``, ``password: process.env.DB_PASSWORD``,
        # ``password=os.environ['PW']``, ``password=get_secret()``)
        r"(?![A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*){2,}(?![\w$.])"
        r"|[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*[(\[])"
        # nor an ARM template expression fetching it (``"adminPassword":
        # "[parameters('adminPassword')]"``, ``[reference(...)]``, ``[listKeys(...)]``, a
        # policy's ``[field(...)]``, also inside ``concat`` / ``format``...: a template's
        # ``"[...]"`` string is evaluated, ``"[["`` escapes a literal one): a deployIfNotExists
        # policy's embedded template (Azure CAF enterprise-scale Deploy-Windows-DomainJoin,
        # ``protectedSettings.Password``) and ``template_content`` FAILed. Not one whose
        # outermost value is a literal (``[concat('Hunter2', '')]``)
        r"(?!\[(?:[A-Za-z]\w*\()*(?:parameters|variables|reference|list\w*|field)\()"
        r"[^\s'\"]{4,}"),
    r"(?i)(?:mysql|postgres(?:ql)?|mongodb|redis|amqp)://[^:/\s]+:[^@\s$]{3,}@",
    r"(?:ghp|gho|ghs|ghu|ghr|github_pat)_[A-Za-z0-9_]{30,}",
    r"xox[abpr]-[A-Za-z0-9-]{10,}",
    # a JSON Web Token (RFC 7519: base64url header and claims, both JSON objects, so "eyJ"):
    # a Kubernetes service-account token in a kubeconfig, an API bearer token
    r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}",
    # an Azure storage / Service Bus / Event Hubs connection string's key
    r"(?:AccountKey|SharedAccessKey)=[A-Za-z0-9+/]{30,}=*",
    # a Slack incoming webhook, a Google API key, a GitLab personal access token
    r"https://hooks\.slack\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]{16,}",
    r"AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])",
    r"gl(?:pat|rt|dt|ptt)-[0-9A-Za-z_-]{20,}",
    # keys that a vendor's prefix makes distinctive whatever the setting is called (a
    # ``STRIPE_KEY`` or an ``OPENAI_KEY`` is no secret's name: a live key there PASSed), as
    # each vendor documents them and gitleaks' rules read them: Stripe secret / restricted
    # keys, OpenAI project / service / admin keys and the older ``T3BlbkFJ`` ones, Anthropic,
    # Hugging Face (``hf_`` + 34 letters), npm, PyPI, SendGrid, DigitalOcean, HashiCorp Vault
    # service / batch tokens, Terraform Cloud, Shopify, NVIDIA, Google OAuth client secrets
    # and Microsoft Entra ID client secrets (three characters, a digit, ``Q~``); not a run of
    # one character standing in for the key (``sk_live_xxxxxxxx...``)
    r"(?<![A-Za-z0-9_])(?:sk|rk)_(?:live|test)_(?![xX*0]{8})[0-9a-zA-Z]{24,}(?![A-Za-z0-9_])",
    r"sk-(?:proj|svcacct|admin)-(?![xX*0_-]{8})[A-Za-z0-9_-]{40,}",
    r"sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}",
    r"sk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{80,}",
    r"(?<![A-Za-z0-9_])hf_(?![xX*]{8})[A-Za-z]{34}(?![A-Za-z0-9_])",
    r"(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])",
    r"pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}",
    r"SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])",
    r"do[opr]_v1_[a-f0-9]{64}",
    r"(?<![A-Za-z0-9_.])hv[sb]\.[A-Za-z0-9_-]{24,}",
    r"[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,}",
    r"shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}",
    r"nvapi-(?![xX*]{8})[A-Za-z0-9_-]{64}",
    r"GOCSPX-[A-Za-z0-9_-]{28}",
    r"(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])",
    # cloud-init's ``chpasswd: {list: "user:password"}`` in cloud-config text (cc_set_passwords:
    # a password ``R`` / ``RANDOM`` is generated, a ``$6$...`` one is a hash): any entry of the
    # list, past the generated and hashed ones before it (only the first was read)
    (r"chpasswd:[ \t]*\r?\n(?:[ \t]+[^\n]*\n)*?[ \t]+list:[ \t]*[|>]?-?[ \t]*\r?\n"
     r"(?:[ \t]+(?:-[ \t]*)?[a-z_][\w.-]*:[ \t]*(?:R|RANDOM|[$!*]\S*)[ \t]*\r?\n)*"
     r"[ \t]+(?:-[ \t]*)?[a-z_][\w.-]*:(?![ \t]*(?:R|RANDOM)[ \t]*(?:\r?\n|$))(?![$!*])"
     r"[^\s:]{3,}"),
    # the same list in YAML's flow style (``chpasswd: {list: 'root:Hunter22', expire:
    # False}``: it PASSed), entries separated by spaces or ``\n`` escapes
    (r"chpasswd:[ \t]*\{[^{}]*?\blist:[ \t]*['\"]?[ \t]*"
     r"(?:[a-z_][\w.-]*:(?:R|RANDOM|[$!*][^\s,'\"{}\\]*)(?:\s|\\n)+)*"
     r"[a-z_][\w.-]*:(?!(?:R|RANDOM)(?:[\s,'\"}\\]|$))(?![$!*])[^\s:,'\"{}\\]{3,}"),
)
#: Token shapes (their text holds ``token`` or ``bearer``).
_TOKEN_SOURCES = (
    # a token given in a kubeconfig / config file (``token: ...``)
    (r"(?i)(?:^|[\s\"'{,])(?:token|auth_token|access_token|bearer_token)['\"]?\s*[:=]\s*"
        r"['\"]?[A-Za-z0-9._~+/=-]{16,}"),
    # a bearer header
    r"(?i)\bbearer\s+[A-Za-z0-9._~+/=-]{20,}",
    # an HTTP Basic ``Authorization`` header written with its credentials (ingress-nginx's
    # ``proxy_set_header Authorization "Basic dXNlcjpwYXNz"``, Traefik's
    # ``custom-request-headers: Authorization:Basic ...``, an Ambassador ``add_request_headers``):
    # base64 of ``user:password`` (RFC 7617), which mixes cases or digits; not a word
    # (``Authorization: Basic credentials``) nor a variable (``$http_authorization``)
    (r"[Aa]uthorization['\"]?[ \t]*[:=]?[ \t]*['\"]?[ \t]*(?:[Bb]asic|BASIC)[ \t]+"
        r"(?=[A-Za-z0-9+/]*[A-Z0-9+/])[A-Za-z0-9+/]{8,}={0,2}(?![A-Za-z0-9+/=])"),
    # a token on a command line (``kubeadm join --token abcdef.0123456789abcdef``)
    # (not etcd's ``--initial-cluster-token``, a name that keeps clusters apart:
    # models/secret_names.py)
    r"(?i)--(?!initial-cluster-token)(?:[a-z]+-)*token[= ]+['\"]?[A-Za-z0-9._~+/=-]{16,}",
)

#: Credentials written in a URL's user information (``https://user:pass@auth.example.com``,
#: an ingress-nginx ``auth-url``, a Helm repository or Git remote): any scheme (the database
#: schemes are in :data:`_VALUE_SOURCES` too). Not a password that is a variable or a
#: placeholder (``$PASS``, ``%s``, ``{{ .password }}``, ``<pw>``, ``****``, ``(...)``), nor a
#: host and port (no ``/`` in the password: ``http://host:8080/a@b`` is a path).
_URL_SOURCES = (
    (r"(?i)\b[a-z][a-z0-9+.-]{1,20}://[^\s:/@'\"]*:(?![$%{<*(\[])[^\s@/'\"$]{3,}@"
        r"[a-z0-9\[]"),
)

#: An environment variable set in text (a dotenv file in a ConfigMap, ``export DB_PASS=...``
#: in user data or a provisioner's script) whose upper-case name ends in a secret's word
#: (``DB_PASS``, ``API_TOKEN``, ``GITHUB_TOKEN``, ``APP_SECRET``: the password pattern reads
#: ``password`` / ``passwd`` / ``pwd`` only, so these PASSed). Not a value taken from
#: elsewhere (``$DB_PASS``, ``${...}``, ``$(...)``, a backquoted command, an escaped
#: ``\$(...)`` in a heredoc, ``%s``, ``<...>``), a path (``/run/secrets/db``, an SSM
#: parameter's name) nor an empty one; nor a value with a variable in it
#: (``VAULT_SECRET=VaultSecret-${VaultSecGroup}``: the name of the Secrets Manager secret,
#: quickstart-hashicorp-vault; the shell, or ``Fn::Sub``, fills the variable in). A
#: commented-out one (``# export DB_PASSWORD=...``) is read too (it PASSed while ``#password=``
#: FAILed): a real value there is a secret in the repository, a placeholder is none
#: (:func:`_commented_placeholder`).
_ENV_SOURCES = (
    (r"(?:^|(?<=\n))[ \t]*(?:#[ \t]*)?(?:export[ \t]+)?(?:[A-Z][A-Z0-9]*_)*"
     r"(?:PASS|PASSWD|PASSWORD|PWD|TOKEN"
     r"|SECRET|API_KEY|APIKEY|SECRET_KEY|ACCESS_KEY|AUTH_KEY|PRIVATE_KEY|CLIENT_SECRET)"
     r"[ \t]*=[ \t]*['\"]?(?![$%{<(*`\\/]|['\"]?[ \t]*(?:#|$))[^\s'\"#;|&`$]{4,}"
     r"(?![^\s'\"#;|&`])"),
    # a key named only by a word gdcc-audit does not know (``FERNET_KEY``, ``APP_KEY``,
    # ``AIRFLOW__CORE__FERNET_KEY``, ``encryptionKey``) given its value in text: a dotenv file
    # in a ConfigMap, ``export HMAC_KEY=...`` in user data, ``fernet_key = ...`` in an
    # ``airflow.cfg``, ``- APP_KEY=base64:...`` in a compose file a heredoc writes. It is a
    # secret only when :func:`key_named` and :func:`key_material` say so, as a structured
    # key of that name is (:func:`_material_under_key_name`): a placeholder, a public key,
    # an id, an ARN or a word is none (:func:`_not_key_material` drops the match)
    (r"(?:^|(?<=\n))[ \t]*(?:#[ \t]*)?(?:(?:export|ENV|-)[ \t]+)?['\"]?"
     r"(?P<key_name>[A-Za-z][\w.-]*(?:_[Kk][Ee][Yy]|(?<=[a-z0-9])Key))['\"]?[ \t]*[=:][ \t]*"
     r"['\"]?(?P<key_value>[A-Za-z0-9+/_=:-]{20,})(?![^\s'\"#;,])"),
)

#: Passwords given on a command line (a provisioner's ``inline`` / ``command``, user data, a
#: container's command).
_COMMAND_SOURCES = (
    # a long option naming a password or secret with its value after a space or ``=``
    # (``--password hunter2``, ``--db-password='x'``, ``--client-secret x``; not ``--secret
    # NAME``, which names a stored secret); not a value taken from elsewhere
    # (``$DB_PASSWORD``, ``%{...}``, ``<password>``, a command's output in backquotes:
    # quickstart-clickhouse-cluster ``--password `python ./find-secret.py secretfile```
    # FAILed), not another option (``--password-stdin``, ``--password-file PATH``: the name
    # goes on past ``password``), not a switch (``--must-change-password=false``, gitea's
    # ``admin user create``)
    (r"(?i)(?<![\w-])--(?:[a-z0-9]+-)*(?:password|passwd|pass|client-secret|"
        r"secret-key|api-key)(?:=|\s+)['\"]?(?![$%{<(`-])"
        r"(?!(?:true|false|yes|no|none|null)(?![^\s'\"]))[^\s'\"]{4,}"),
    # the MySQL / MariaDB clients' ``-pPASSWORD`` / ``-p'PASSWORD'`` (the password follows
    # ``-p`` with no space; ``-p`` alone prompts for it)
    (r"\b(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlshow|mysqlcheck|mariadb)\b"
        r"[^\n;|&]*?\s-p(?:'[^'\s$]{3,}'|\"[^\"\s$`]{3,}\"|[^\s'\"$(`-][^\s;|&]{2,})"),
    # ``mysqladmin -u root password NEWPASSWORD``: the client's ``password`` command sets
    # the account's password to its argument (MySQL reference manual, mysqladmin); not
    # ``password $PW`` / ``"${pw}"``, nor ``password`` alone (it prompts)
    (r"\bmysqladmin\b[^\n;|&]*?[ \t]password[ \t]+"
        r"(?:'[^'\s$]{3,}'|\"[^\"\s$`]{3,}\"|[^\s'\"$(`-][^\s;|&]{2,})"),
    # PowerShell's ``ConvertTo-SecureString "P@ssw0rd" -AsPlainText`` (a literal; not
    # ``$password`` or ``${...}``)
    (r"(?i)\bconvertto-securestring\s+(?:-string\s+)?"
        r"(?:'[^'$]{4,}'|\"[^\"$]{4,}\"|(?![$%{<(-])[^\s'\"]{4,})\s+-asplaintext"),
    # ``sshpass -p PASSWORD``
    r"\bsshpass\s+-p\s*(?:'[^'$]{3,}'|\"[^\"$`]{3,}\"|[^\s'\"$(`-]\S{2,})",
    # a password set from a literal: ``echo 'root:pw' | chpasswd``, ``echo pw | passwd
    # --stdin user`` (not ``chpasswd -e``, which takes hashes; not ``$PASSWORD``)
    (r"\becho\s+(?:-[en]+\s+)?['\"]?(?:[a-z_][a-z0-9_.-]*:)?(?![$%{<(])[^\s'\":]{4,}['\"]?"
        r"\s*\|\s*"
        r"(?:sudo\s+(?:-\S+\s+)*)?(?:chpasswd\b(?!\s+-e)|passwd\s+--stdin\b)"),
    # a long option naming a key (``--encryption-key``, ``--master-key``, ``--hmac_key``,
    # kubeadm's ``--certificate-key``) given key material (:func:`key_material`: 32 or more
    # hex digits, or 20 or more base64 characters mixing cases and digits). Only material: a
    # variable (``$ENC_KEY``, ``$(cat k)``), a path (``/etc/keys/enc.key``), a word, an id or
    # a key's name is none, and neither is an option whose name says it holds no key
    # material (``--public-key``, ``--kms-key``, ``--ssh-key``, ``--partition-key``, gpg's
    # ``--recv-key FINGERPRINT``: :func:`_option_key_named`, :func:`_not_key_material`)
    (r"(?i)(?<![\w-])--(?P<option_name>(?:[a-z0-9]+[-_])*[a-z0-9]+(?:-key|_key))(?:=|[ \t]+)['\"]?"
        r"(?P<option_value>[A-Za-z0-9+/_=:-]{20,})(?![^\s'\";|&])"),
    # a short option that takes a password in the client that reads it (the option's value
    # is the password: docker login ``-p`` / ``--password``; the MongoDB shell and tools
    # ``-p`` (``--password``); ``redis-cli -a <password>``; OpenLDAP's ``ldapsearch`` /
    # ``ldapadd`` / ``ldapmodify`` ... ``-w passwd`` ("use passwd as the password for simple
    # authentication", ldapsearch(1)); ``sqlcmd`` / ``bcp`` ``-P password``; Java's
    # ``keytool -storepass`` / ``-keypass`` / ``-srcstorepass`` / ``-deststorepass``). Not a
    # variable, a command's output, a path or an option (``-p`` alone prompts)
    (r"(?:\b(?:docker[ \t]+login|mongo|mongosh|mongodump|mongorestore|mongoimport"
        r"|mongoexport|mongostat|mongotop)\b[^\n;|&]*?[ \t]-p"
        r"|\bredis-cli\b[^\n;|&]*?[ \t]-a"
        r"|\bldap(?:search|add|modify|delete|passwd|compare|modrdn|whoami|exop)\b"
        r"[^\n;|&]*?[ \t]-w"
        r"|\b(?:sqlcmd|bcp)\b[^\n;|&]*?[ \t]-P"
        r"|\bkeytool\b[^\n;|&]*?[ \t]-[a-z]*pass)"
        r"[ \t]+(?:'(?![$/~]|\.\.?/)[^'\s$]{3,}'|\"(?![$/~]|\.\.?/)[^\"\s$`]{3,}\""
        r"|(?![$%{<(`/~@-]|\.\.?/)[^\s'\";|&]{3,})"),
    # OpenSSL's pass phrase given as ``pass:password`` ("the actual password is password",
    # openssl-passphrase-options(1)) to ``-passin`` / ``-passout`` / ``-pass`` (not
    # ``env:VAR``, ``file:path``, ``fd:N``, ``stdin``, nor ``pass:$VAR``); and ``openssl
    # enc -K`` ("the actual key to use ... hex digits", openssl-enc(1)) given 32 or more
    (r"\bopenssl\b[^\n;|&]*?[ \t](?:-(?:passin|passout|pass)[ \t]+['\"]?pass:"
        r"(?![$%{<(`])[^\s'\";|&]{3,}|-K[ \t]+[0-9a-fA-F]{32,}\b)"),
)
#: Lower-cased keywords of each pattern, in the order of its group's sources: one of them is
#: in every match of the pattern. A group's union is searched only in text that holds one of
#: its keywords (a scan for literals is cheaper than the union's search at every position:
#: half the time on 380,000 strings of four repositories), and then made only of the patterns
#: whose keywords the text holds (:func:`_union`). tests/normalize/test_secret_prefilter.py
#: derives from each pattern's parse tree the literals a match must contain and proves each
#: is covered by the pattern's own keywords: a new pattern without its keywords fails that
#: test instead of never matching.
_VALUE_WORDS = (
    ("-----begin ",),
    ("akia", "asia"),
    ("aws_secret_access_key", "secret_key", "client_secret", "api_key"),
    ("passw", "pwd"),
    ("mysql://", "postgres://", "postgresql://", "mongodb://", "redis://", "amqp://"),
    ("ghp_", "gho_", "ghs_", "ghu_", "ghr_", "github_pat_"),
    ("xox",),
    (".eyj",),
    ("accountkey=", "sharedaccesskey="),
    ("hooks.slack.com",),
    ("aiza",),
    ("glpat-", "glrt-", "gldt-", "glptt-"),
    ("sk_live_", "sk_test_", "rk_live_", "rk_test_"),
    ("sk-proj-", "sk-svcacct-", "sk-admin-"),
    ("t3blbkfj",),
    ("sk-ant-",),
    ("hf_",),
    ("npm_",),
    ("pypi-ageichlwas5vcmc",),
    ("sg.",),
    ("doo_v1_", "dop_v1_", "dor_v1_"),
    ("hvs.", "hvb."),
    (".atlasv1.",),
    ("shpat_", "shpca_", "shppa_", "shpss_"),
    ("nvapi-",),
    ("gocspx-",),
    ("q~",),
    ("chpasswd:",),
    ("chpasswd:",),
)
_TOKEN_WORDS = (("token",), ("bearer",), ("authorization",), ("token",))
_URL_WORDS = (("://",),)
_ENV_WORDS = (("pass", "pwd", "token", "secret", "api_key", "apikey", "access_key",
               "auth_key", "private_key"), ("key",))  # fmt: skip
_COMMAND_WORDS = (
    ("pass", "secret-key", "client-secret", "api-key"),
    ("mysql", "mariadb"),
    ("mysqladmin",),
    ("convertto-securestring",),
    ("sshpass",),
    ("chpasswd", "--stdin"),
    ("-key", "_key"),
    ("docker", "mongo", "redis-cli", "ldap", "sqlcmd", "bcp", "keytool"),
    ("openssl",),
)


def _all_words(words: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    """A group's keywords: those of each of its patterns, once each."""
    return tuple(dict.fromkeys(w for pattern in words for w in pattern))


#: Each group's keywords, one of which every match of a pattern of the group holds.
_VALUE_KEYWORDS = _all_words(_VALUE_WORDS)
_TOKEN_KEYWORDS = _all_words(_TOKEN_WORDS)
_URL_KEYWORDS = _all_words(_URL_WORDS)
_ENV_KEYWORDS = _all_words(_ENV_WORDS)
_COMMAND_KEYWORDS = _all_words(_COMMAND_WORDS)


def _one_pattern(sources: tuple[str, ...]) -> re.Pattern[str]:
    """The patterns as one alternation, compiled once (one scan of each string instead of
    one per pattern); a leading ``(?i)`` becomes a scoped ``(?i:...)`` group."""
    parts = []
    for source in sources:
        if source.startswith("(?i)"):
            parts.append(f"(?i:{source[4:]})")
        else:
            parts.append(f"(?:{source})")
    return re.compile("|".join(parts))


def _keywords(words: tuple[str, ...]) -> re.Pattern[str]:
    """The keywords as one alternation of literals (one C-level scan of the lowered text: a
    Python loop of ``in`` tests cost more than the union's search it saved)."""
    return re.compile("|".join(map(re.escape, words)))


class _Group(NamedTuple):
    """A group of credential shapes: its keywords (searched in the lower-cased text), the
    union of all its patterns (searched in text that is not ASCII), and its patterns with
    each one's keywords (:func:`_union`)."""

    keywords: re.Pattern[str]
    union: re.Pattern[str]
    sources: tuple[str, ...]
    words: tuple[tuple[str, ...], ...]


def _group(sources: tuple[str, ...], words: tuple[tuple[str, ...], ...]) -> _Group:
    if len(sources) != len(words):
        raise ValueError("each pattern of a group needs its keywords")
    return _Group(_keywords(_all_words(words)), _one_pattern(sources), sources, words)


#: Each group's keywords, union and patterns.
_SHAPES = (
    _group(_VALUE_SOURCES, _VALUE_WORDS),
    _group(_TOKEN_SOURCES, _TOKEN_WORDS),
    _group(_URL_SOURCES, _URL_WORDS),
    _group(_ENV_SOURCES, _ENV_WORDS),
    _group(_COMMAND_SOURCES, _COMMAND_WORDS),
)


def _union(group: _Group, lowered: str) -> re.Pattern[str] | None:
    """The union of the patterns of ``group`` whose keywords ``lowered`` (an ASCII text,
    lower-cased) holds, in the group's order; None when it holds none. It finds the matches
    the whole union finds: a pattern left out matches nowhere in the text, and the union
    takes, at each position, the first of its patterns that matches there (the password
    pattern searched alone in a script that holds no ``sshpass`` or ``mysql://``: under half
    the time of the whole unions on heat-templates' user data)."""
    chosen = 0
    for bit, words in enumerate(group.words):
        if any(word in lowered for word in words):
            chosen |= 1 << bit
    return _chosen_union(group.sources, chosen) if chosen else None


@lru_cache(maxsize=256)
def _chosen_union(sources: tuple[str, ...], chosen: int) -> re.Pattern[str]:
    """The union of the ``sources`` whose bit is set in ``chosen``, in their order."""
    return _one_pattern(tuple(s for bit, s in enumerate(sources) if chosen >> bit & 1))


#: A string that is an expression or a placeholder, not a literal.
_EXPRESSION = re.compile(r"^\s*(\$\{|\{\{|<|%\{|\$\()|^\s*(var|local|data|module)\.")

REDACTED = "<redacted>"

#: A value that names where a secret is kept, not the secret: an AWS ARN (a Secrets Manager
#: secret, an SSM parameter, a KMS key: ``arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE``; the
#: account may be ``*``: API Gateway's ``credentials: arn:aws:iam::*:user/*``, "use the
#: caller's credentials"), an
#: App Service / Functions Key Vault reference (``@Microsoft.KeyVault(SecretUri=...)``, Azure
#: docs "Use Key Vault references as app settings"), a Key Vault object URI, a Google Secret
#: Manager resource name (``projects/P/secrets/S/versions/V``), a Vault or vals reference
#: (``vault:secret/data/app#password``, ``ref+awssecrets://...``).
_REFERENCE = re.compile(
    r"^\s*(?:arn:aws(?:-[a-z]+)*:[a-z0-9-]+:[a-z0-9-]*:(?:\d{0,12}|\*):\S+"
    r"|@Microsoft\.KeyVault\([^)]*\)"
    r"|https://[a-z0-9-]+\.vault\.(?:azure\.net|azure\.cn|usgovcloudapi\.net)/"
    r"(?:secrets|keys|certificates)/\S*"
    r"|projects/[^/\s]+/(?:locations/[^/\s]+/)?secrets/[^/\s]+(?:/versions/[^/\s]+)?"
    r"|vault:[\w./-]+(?:#\S+)?|ref\+[a-z0-9]+://\S+"
    # a value SOPS encrypted (``ENC[AES256_GCM,data:...,iv:...,tag:...,type:str]``,
    # getsops.io: each value of a file encrypted in place): a ciphertext, as a KMS one is
    r"|ENC\[AES256_GCM,data:[A-Za-z0-9+/=]*,iv:[^\]\s]*\])\s*$",
    re.IGNORECASE,
)
#: A password hash in crypt / LDAP form (bcrypt ``$2b$``, SHA-crypt ``$5$`` / ``$6$``, MD5
#: ``$1$`` / ``$apr1$``, yescrypt ``$y$``, argon2, scrypt, PBKDF2, ``{SSHA}``), alone or as
#: ``user:hash`` htpasswd lines: what a server stores to check a password, not the password.
_CRYPT = (
    r"(?:\$(?:2[abxy]?|1|5|6|apr1|y|7|argon2(?:i|d|id)|scrypt|pbkdf2(?:-sha\d+)?)\$\S{8,}"
    r"|\{(?:SSHA|SHA|SSHA256|SSHA512|SHA256|SHA512|CRYPT|SMD5|PBKDF2(?:-SHA\d+)?)\}\S{8,})"
)
_HASHED = re.compile(rf"^\s*(?:(?:[^:\s]+:)?{_CRYPT}\s*)+$")
#: A name that says its value is a digest (``password_hash``, ``token_sha256``), and a value
#: that is one (hex of an MD5 ... SHA-512 length): a digest, not a secret. A hex value under
#: any other name (an API key is often 32 hex digits) is still a secret.
_DIGEST_NAME = re.compile(r"(?:^|_)(?:hash|hashed|digest|sha\d*|md5|checksum)$", re.IGNORECASE)
_HEX_DIGEST = re.compile(r"(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{128})", re.I)


#: A setting named for a connection string (``connectionString``, ``DB_CONNECTION_STRING``).
_CONNECTION_NAME = re.compile(r"conn(?:ection)?_?str(?:ing)?$")
#: A bare endpoint: ``redis-cart:6379``, ``db.example.com:5432/shop``,
#: ``mongodb://mongo:27017/app`` (a port or a scheme; no user information, no ``key=value``
#: settings: a word alone may be a password).
_BARE_ENDPOINT = re.compile(
    r"(?:[a-z][a-z0-9+.-]*://[A-Za-z0-9][A-Za-z0-9.-]*(?::\d{1,5})?"
    r"|[A-Za-z0-9][A-Za-z0-9.-]*:\d{1,5})(?:/[\w.-]*)*"
)


#: A Google Cloud resource name (``projects/p/instances/i/databases/d``: "a resource name
#: is a path of collection ids and resource ids", cloud.google.com/apis/design/resource_names):
#: a Cloud Spanner client's connection string is one, naming the database, with no credential
#: (Spanner authenticates with the caller's Google credentials).
_GOOGLE_RESOURCE_NAME = re.compile(
    r"(?:projects|organizations|folders)/[\w.-]+(?:/[a-z][A-Za-z]*/[\w.-]+)+"
)


def bare_endpoint(name: str, value: str) -> bool:
    """A value under a connection string's name that only says where to connect
    (``connectionString: redis-cart:6379``, GoogleCloudPlatform/microservices-demo's chart:
    it FAILed; its Spanner component's ``projects/P/instances/I/databases/D``): no password,
    user or key in it; or ``key=value`` settings none of which is a credential
    (``Server=myserver;Integrated Security=SSPI``, Windows authentication: the Azure/terraform
    app-service quickstart FAILed)."""
    snake = _CAMEL.sub("_", name.strip()).lower().replace("-", "_")
    if _CONNECTION_NAME.search(snake) is None:
        return False
    text = value.strip()
    return (
        _BARE_ENDPOINT.fullmatch(text) is not None
        or _GOOGLE_RESOURCE_NAME.fullmatch(text) is not None
        or _settings_only(text)
    )


#: A ``key=value`` setting of a connection string (ADO.NET, ODBC, Azure Storage).
_SETTING = re.compile(r"\s*([A-Za-z][A-Za-z _]*?)\s*=\s*([^;]*?)\s*")
#: Settings of a connection string that carry a credential though their names do not say so.
_CREDENTIAL_SETTINGS = frozenset({"sharedaccesssignature", "sig", "key", "authkey"})


def _settings_only(text: str) -> bool:
    """Whether ``text`` is two or more ``key=value;`` settings, none a credential (a secret's
    name, ``SharedAccessSignature``) nor a URL with a user in it."""
    parts = [p for p in text.split(";") if p.strip()]
    if len(parts) < 2:
        return False
    for part in parts:
        found = _SETTING.fullmatch(part)
        if found is None or "@" in found[2]:
            return False
        key = found[1].strip().replace(" ", "_")
        if is_secret_name(key) or key.lower() in _CREDENTIAL_SETTINGS:
            return False
    return True


#: A container image reference with its registry or repository path and a tag or digest
#: (``quay.io/airshipit/keystone:2024.1-ubuntu_jammy``, ``docker.io/x/y@sha256:...``).
_IMAGE_REFERENCE = re.compile(
    r"(?:[a-z0-9]+(?:[._-][a-z0-9]+)*(?::\d{1,5})?/)+[a-z0-9]+(?:[._-][a-z0-9]+)*"
    r"(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[0-9a-f]{64})"
)


#: A path to a key, certificate, keystore or credentials file (``/etc/certs/key.pem``,
#: ``tests/certs/key.pem``, ``/var/secrets/google/key.json``): a base64 or PEM key never ends
#: in ``.pem`` (``.`` is no base64 character), a password hardly does.
_CREDENTIAL_FILE = re.compile(
    r"(?:~|\.{1,2})?/?(?:[\w@.-]+/)+[\w@.-]+"
    r"\.(?:pem|key|crt|cer|der|p8|p12|pfx|jks|keystore|truststore|json|keytab)"
)


def credential_file(value: str) -> bool:
    """A value under a secret's name that is the path of the file holding it, as Istio's
    ``DestinationRule`` ``tls.privateKey`` ("The path to the file holding the client's
    private key": istio's analyzer test data FAILed) and ``GOOGLE_APPLICATION_CREDENTIALS``
    ("the path to a JSON file that contains your service account key") take it."""
    return _CREDENTIAL_FILE.fullmatch(value.strip()) is not None


def image_of_job(keys: list[str], value: str) -> bool:
    """A container image reference in a map of images, under the name of the job that runs
    it (openstack-helm's ``images.tags.keystone_credential_rotate: quay.io/airshipit/
    keystone:2024.1-ubuntu_jammy``: the credential-rotation job's image FAILed as a
    credential)."""
    return any("image" in key.lower() for key in keys) and (
        _IMAGE_REFERENCE.fullmatch(value.strip()) is not None
    )


#: Windows Setup's configuration passes (an unattend file's ``<settings pass="oobeSystem">``;
#: azurerm ``additional_unattend_config { pass = "oobeSystem" }``): a ``pass`` holding one
#: names the pass, not a password (26 FAILs in the azurerm provider's examples).
_SETUP_PASSES = frozenset(
    {"oobesystem", "specialize", "windowspe", "auditsystem", "audituser", "generalize",
     "offlineservicing"}
)


def setup_pass(name: str, value: str) -> bool:
    """Whether ``value`` under ``pass`` names a Windows Setup configuration pass."""
    return name.strip().lower() == "pass" and value.strip().lower() in _SETUP_PASSES


def digest_of(name: str, value: str) -> bool:
    """A value under a digest's name (``PASSWORD_HASH``) that is a hex digest."""
    return (
        _DIGEST_NAME.search(name.strip().replace("-", "_")) is not None
        and _HEX_DIGEST.fullmatch(value.strip()) is not None
    )


#: The last word of a setting that lists the characters a generated password may use
#: (random_password's ``override_special``, terraform-aws-secrets-manager's
#: ``random_password_override_special``, ``allowed_special_characters``).
_CHARACTER_SET_WORDS = frozenset(
    {"special", "specials", "chars", "characters", "charset", "alphabet", "symbols"}
)


def character_set(name: str, value: str) -> bool:
    """A value under a character set's name (``random_password_override_special = "!@#$%"``)
    that holds no letter and no digit: the characters a generator may pick, not a password.
    A value with a letter or digit under such a name is still read as a secret."""
    words = _words(name)
    return (
        bool(words) and words[-1] in _CHARACTER_SET_WORDS
        and value.strip() != "" and not any(c.isalnum() for c in value)
    )


def reference_or_hash(text: str) -> bool:
    """Whether ``text`` names where a secret is kept (an ARN, a Key Vault reference, a Secret
    Manager name ...) or is a password hash: not a secret written in the configuration."""
    return _REFERENCE.match(text) is not None or _HASHED.match(text) is not None


#: Values that are settings, not secrets, whatever the attribute is called.
_SETTING_VALUES = frozenset(
    {"required", "optional", "enabled", "disabled", "true", "false", "none", "null", "yes",
     "no", "on", "off", "default", "auto",
     # a stand-in until the real value is written (quickstart-hashicorp-vault's
     # ``SecretString: empty``, which Vault fills in when the cluster is initialised)
     "empty",
     # Puppet's and Ruby's "no value" (TripleO's ``CollectdGnocchiKeystonePassword: {default:
     # nil, hidden: true}``, handed to puppet hieradata: not set)
     "nil", "undef",
     # units of a token's lifetime (Cognito ``token_validity_units { access_token = "hours" }``)
     "seconds", "minutes", "hours", "days"}
)


#: Text that holds only X.509 certificates (PEM ``CERTIFICATE`` blocks) and comment lines: a
#: CA bundle or a server's certificate, public by design (RFC 7468: certificates are sent in
#: every TLS handshake); a private key beside them is caught by its own pattern. Other public
#: PEM blocks count the same: Diffie-Hellman parameters (``DH PARAMETERS``, an nginx
#: ``ssl_dhparam`` file: the group, sent in every DHE handshake; ingress-nginx's
#: ``lb-dhparam`` Secret FAILed), a public key, a certificate revocation list.
_CERTIFICATE = re.compile(
    r"-----BEGIN ((?:TRUSTED |X509 )?CERTIFICATE|(?:X9\.42 )?DH PARAMETERS|(?:RSA )?PUBLIC KEY"
    r"|X509 CRL)-----[A-Za-z0-9+/=\s]*-----END \1-----"
)


#: A PEM block with nothing between its lines (a placeholder: ``-----BEGIN RSA PRIVATE
#: KEY-----`` then ``-----END RSA PRIVATE KEY-----``), no key.
_EMPTY_PEM = re.compile(r"\s*(?:-----BEGIN [A-Z0-9 ]+-----\s*-----END [A-Z0-9 ]+-----\s*)+")


def certificates_only(text: str) -> bool:
    """Whether ``text`` is one or more PEM certificates (or other public PEM blocks: DH
    parameters, public keys, CRLs; comment lines between them allowed) and nothing else, or
    PEM blocks with nothing in them."""
    if _EMPTY_PEM.fullmatch(text) is not None:
        return True  # an empty PEM block: a placeholder, public as nothing is
    rest, found = _CERTIFICATE.subn("", text)
    return found > 0 and all(
        not line.strip() or line.lstrip().startswith("#") for line in rest.splitlines()
    )


#: Names of a setting that names a Kubernetes Secret *object* (``TS_KUBE_SECRET:
#: tailscale-auth``: where tailscale keeps its state), not a secret value.
_OBJECT_NAMES = re.compile(r"(^|_)(kube|k8s|kubernetes)_?secrets?$", re.IGNORECASE)
#: A Kubernetes object name (DNS-1123 subdomain, "Object Names and IDs": lowercase
#: alphanumerics, ``-`` and ``.``, at most 253 characters).
_DNS_SUBDOMAIN = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")


def names_object(name: str, value: str) -> bool:
    """A setting named for a Kubernetes Secret object (``KUBE_SECRET``, ``K8S_SECRETS``) whose
    value is an object name: it says where a secret is kept. Any other value under such a
    name (upper case, symbols) is still judged as a secret."""
    return (
        _OBJECT_NAMES.search(name.strip().replace("-", "_")) is not None
        and len(value) <= 253
        and _DNS_SUBDOMAIN.fullmatch(value) is not None
    )


#: A Kubernetes Secret's data key ("Secret", data: "consist of alphanumeric characters, ``-``,
#: ``_`` or ``.``"), as a chart's values name one (``passwordKey: admin-password``).
_DATA_KEY = re.compile(r"[-._a-zA-Z0-9]{1,253}")
#: A Secret key named as the configuration file it holds.
_KEY_FILE = re.compile(
    r"[\w.-]+\.(?:json|ya?ml|conf|cfg|properties|txt|xml|ini|toml|env|pem|crt|jks|p12|pfx)"
)
#: Words before a final ``secret`` that say what the Secret object holds.
_OBJECT_OF = frozenset(
    {"cert", "certs", "certificate", "certificates", "tls", "credential", "credentials",
     "keystore", "truststore", "jks", "from", "config", "pull",
     # a CA's Secret (Emissary's Host ``tls.ca_secret: hello-client``, ``caSecret``: it
     # FAILed)
     "ca",
     # the Secret holding an enterprise licence (a Kong chart's ``enterprise.license_secret:
     # kong-enterprise-license``: it FAILed)
     "license", "licence"}
)
#: Last words of a list naming the Secret objects mounted into a pod (a Kong chart's
#: ``secretVolumes: [kong-cluster-cert]``, "Secrets to mount as volumes"; ``secretMounts``):
#: its items are the objects' names.
_MOUNTED = frozenset({"volumes", "mounts"})
#: Words a key-naming setting puts before its final ``key`` (``userPasswordKey``,
#: ``tokenKey``): the key, in a Secret, that holds the password or token.
_KEY_OF = frozenset({"password", "passwords", "passwd", "token", "tokens", "credential",
                     "credentials"})  # fmt: skip
#: Words before a final ``secret key`` that say which secret the named Secret holds
#: (``keystorePasswordSecretKey``, ``hostedGrafanaIdSecretKey``): the setting names its key.
_HELD_IN = frozenset(
    {"password", "passwords", "passwd", "token", "tokens", "credential", "credentials", "cert",
     "certs", "certificate", "certificates", "tls", "key", "keystore", "truststore", "jks",
     "id", "from"}
)


#: Last words of a setting naming the Systems Manager parameter (or other store entry) that
#: keeps a secret (``DB_PASSWORD_PARAM``, ``admin_password_ssm``): a path or ARN there
#: locates the secret.
_STORE_WORDS = frozenset({"param", "parameter", "ssm", "location"})
#: Last words of a setting naming the environment variable (or CI secret) that holds a
#: secret (``api_token_var``, ``PASSWORD_ENV``): an upper-case variable name there
#: (``AZURE_STATIC_WEB_APPS_API_TOKEN``, the azurerm static-site example's GitHub Actions
#: secret) names it.
_VARIABLE_WORDS = frozenset({"var", "variable", "env"})
_ENV_NAME = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+")
#: Last words of a setting that names a thing (a Secret, a file, a variable, an annotation):
#: a name there (a data key, a file name, an annotation key ``prefix/name``) is no secret.
_NAME_WORDS = ("name", "annotation")  # the last word ends so (``fileIdname``: ``idname``)
_NAME_VALUE = re.compile(r"(?:[a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[-._a-zA-Z0-9]{1,253}")


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
#: Where a camelCase name's words meet, an acronym of two letters or more ending before a
#: capitalised word too (``serverTLSSecret``: server, tls, secret; ``clientCASecret``:
#: client, ca, secret; ``OAuthToken`` stays oauth, token). The
#: acronym and the word after it were one word (``tlssecret``), so CloudNativePG's Cluster
#: ``certificates: {serverTLSSecret: my-postgres-server-cert, clientCASecret: ...}``, the
#: Secrets' names, FAILed GDCC-SECRET-001 where ``tlsSecret: web-tls`` passed.
_WORD_START = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z]{2})(?=[A-Z][a-z])")
_NOT_WORD = re.compile(r"[_\W]+")


def _words(name: str) -> list[str]:
    """The words of a camelCase, snake_case or kebab-case name, lower-cased."""
    return [w for w in _NOT_WORD.split(_WORD_START.sub("_", name.strip()).lower()) if w]


def names_reference(name: str, value: str) -> bool:
    """A setting that names where a secret is kept, not the secret: a Kubernetes Secret
    object or one of its keys, as Helm charts and operators name them (bitnami's
    ``existingSecret: my-db``, ``existingSecretPasswordKey: password``, ``passwordKey:
    admin-password``, ``keystorePasswordSecretKey``, ``tlsSecret: web-tls``,
    ``configFromSecret``; they FAILed as secrets), or a ``KUBE_SECRET`` object name
    (:func:`names_object`), or the path or ARN of the parameter keeping it
    (``DB_PASSWORD_PARAM: /app/db/password``: :data:`_STORE_WORDS`). The value must be such
    a name (a Secret data key, or a DNS-1123 object name for a setting ending ``secret``, a
    path of name pieces for a parameter): any other value under these names is still a
    secret, and ``secretKey`` / ``awsSecretKey`` alone (an S3 secret key) still are."""
    if names_object(name, value):
        return True
    words = _words(name)
    if words and words[-1] in _STORE_WORDS and locator(value) and name_piece(value):
        # ``DB_PASSWORD_PARAM: /app/prod/db/password``: the parameter holding it
        return True
    if words and words[-1] in _VARIABLE_WORDS and _ENV_NAME.fullmatch(value):
        # ``api_token_var = "AZURE_STATIC_WEB_APPS_API_TOKEN"``: the variable holding it
        return True
    if _DATA_KEY.fullmatch(value) is None:
        return False
    if len(words) < 2:
        return False
    if words[0] == "existing":
        return True
    if (
        len(words) > 2 and words[-3:-1] == ["secret", "name"]
        and _DNS_SUBDOMAIN.fullmatch(value) is not None
    ):
        # a Secret's name for one side or use (openstack-helm's RBD storage class
        # ``adminSecretNameNode: pvc-ceph-conf-combined-storageclass``, beside
        # ``adminSecretName``: the Secret the node side reads; it FAILed): an object's name
        return True
    if (
        words[-1] == "secret"
        and "existing" in words[:-1]
        and _DNS_SUBDOMAIN.fullmatch(value) is not None
    ):
        # ``apiKeyExistingSecret: datadog-secret``: the existing Secret holding the API key
        return True
    if words[-1] == "key" and (words[-2] in _KEY_OF or _KEY_FILE.fullmatch(value)):
        # a key named as the file it is mounted as (``serviceAccountSecretKey:
        # credentials.json``, ``secretKey: thanos.yaml``): no secret is a file name
        return True
    before = set(words[:-1])
    if words[-1] == "key" and "secret" in before and (before - {"secret"}) & _HELD_IN:
        return True
    return (
        words[-1] == "secret"
        and _holds_object(words[:-1])
        and _DNS_SUBDOMAIN.fullmatch(value) is not None
    )


def names_thing(name: str, value: str) -> bool:
    """A setting whose last word ends in ``name`` or ``annotation`` holding a name (a Secret
    data key, a file name, a variable name, an annotation key ``prefix/name``):
    ``s3SecretAccessKeyName: AWS_SECRET_ACCESS_KEY``, ``storageSpecSecretName:
    storage-config``, ``gcsCredentialFileName: credentials.json``,
    ``storageSecretNameAnnotation: serving.kserve.io/storageSecretName`` (kserve). Not read
    in a map whose every value is a secret (a Kubernetes Secret's ``data``)."""
    words = _words(name)
    return (
        len(words) > 1 and words[-1].endswith(_NAME_WORDS)
        and _NAME_VALUE.fullmatch(value) is not None
    )


def _names_thing_only(name: str, value: str) -> bool:
    """:func:`names_thing`, for a value with no credential's shape (an access key id under
    ``key_name`` is still one)."""
    return names_thing(name, value) and not _has_secret_shape(value)


#: Words before a final ``secret`` beside a ``...SecretKey`` sibling that say the setting
#: names the Secret holding them (``passwordSecret``, ``userSecret``, ``sshSecret``); not a
#: ``clientSecret`` (an OAuth client's secret itself, whose sibling ``clientSecretKey`` names
#: the key of an existing Secret that may hold it instead).
_SECRET_OBJECT_OF = frozenset(
    {"user", "username", "password", "passwords", "passwd", "ssh", "git", "database", "db"}
)


def key_of_named_secret(name: str, value: str, siblings: Mapping[Any, Any]) -> bool:
    """A ``...SecretKey`` setting beside the ``...SecretName`` setting of the same prefix
    (``clusterSecretName`` / ``clusterSecretKey: cluster``, vault-helm's
    ``enterpriseLicense: {secretName, secretKey: license}``): the key, in the Secret the
    other names, that holds the value (a chart reads it with ``secretKeyRef: {name, key}``;
    they FAILed). The value must be a Secret data key, and no sibling may name an access key
    (MinIO's ``{accessKey, secretKey}`` pair, beside an ``existingSecret``, is a key pair).
    The other may be named ``...Secret`` too, and then names the Secret (airflow-helm's
    ``externalDatabase: {passwordSecret: airflow-mysql, passwordSecretKey: password}``,
    ``gitSync: {sshSecret: git-secret, sshSecretKey: id_rsa}``: both FAILed, stop 39)."""
    words = _words(name)
    if words[-1:] == ["key"] and _key_in_existing_secret(value, siblings):
        return True
    if (
        words[-1:] == ["secret"] and set(words[:-1]) & _SECRET_OBJECT_OF
        and _DNS_SUBDOMAIN.fullmatch(value) is not None
    ):
        key = [*words, "key"]
        return any(_words(str(sibling)) == key for sibling in siblings)
    if words[-2:] != ["secret", "key"] or _DATA_KEY.fullmatch(value) is None:
        return False
    named = ([*words[:-1], "name"], words[:-1])
    found = False
    for sibling in siblings:
        other = _words(str(sibling))
        if other in named:
            found = True
        elif other[-2:] in (["access", "key"], ["key", "id"]) or other[-3:] == [
            "access", "key", "id"
        ]:
            return False
    return found


#: A Secret data key as charts name one (``auth``, ``redis-password``, ``admin_password``):
#: lower-case words, no digits (a key's value mixes them).
_KEY_WORDS = re.compile(r"[a-z]+(?:[-_.][a-z]+){0,4}")


def _key_in_existing_secret(value: str, siblings: Mapping[Any, Any]) -> bool:
    """Whether a ``...Key`` setting (``authKey: auth``) names the key of the existing Secret
    a sibling names (``existingSecret: argocd-redis``): the redis-ha chart's ``authKey``,
    "the key holding the redis password in existing secret" (argo-cd's HA values FAILed).
    The value must be lower-case words (no digit) and the sibling a Secret's name."""
    if _KEY_WORDS.fullmatch(value) is None or len(value) > 63:
        return False
    return any(
        # ``existingSecret`` itself: a secret's own ``apiKeyExistingSecret`` (datadog) says
        # only that one key may come from a Secret, not what ``apiKey`` names
        _words(str(key)) == ["existing", "secret"]
        and isinstance(other, str) and _DNS_SUBDOMAIN.fullmatch(other) is not None
        for key, other in siblings.items()
    )


def lists_secret_objects(name: str, item: str) -> bool:
    """An item of a list named for the Secret objects a pod mounts (``secretVolumes``,
    ``secret_mounts``: :data:`_MOUNTED`) that is an object's name: where secrets are kept,
    not a secret. A list of secrets (``secrets``, ``client_secrets``) is not such a list,
    and an item that is no object name is still judged as a secret."""
    words = _words(name)
    return (
        len(words) > 1 and words[-1] in _MOUNTED and "secret" in words[:-1]
        and len(item) <= 253 and _DNS_SUBDOMAIN.fullmatch(item) is not None
    )


def _holds_object(words: list[str]) -> bool:
    """Whether the words before a final ``secret`` say what a Secret *object* holds (a
    certificate, credentials, a keystore, a private key: ``tlsSecret``,
    ``privateKeySecret``), never a secret themselves. Not ``password`` / ``token``: a
    ``node_token_share_secret: password`` is the rsync password, an OAuth
    ``accessTokenSecret`` the token's secret."""
    pairs = set(pairwise(words))
    return bool(set(words) & _OBJECT_OF) or ("private", "key") in pairs


_FLAG = re.compile(r"\d{1,2}")


#: A sentence telling what to write (``The contents of the private key go here``, TripleO's
#: ``enable-tls.yaml`` ``SSLKey``; ``your password goes here``): three or more words of
#: letters ending "go(es) here" or "here".
_INSTRUCTION = re.compile(r"(?i)\s*(?:[a-z']+\s+){2,}(?:goes\s+|go\s+)?here\s*[.!]?\s*")


def _literal(value: Any) -> bool:
    return (
        isinstance(value, str)
        and value.strip() != ""
        and not _EXPRESSION.match(value)
        # a setting quoted as API Gateway maps a static value ("'true'")
        and value.strip().strip("'\"").lower() not in _SETTING_VALUES
        # a one- or two-digit number: a flag or a count (MySQL's ``old_passwords: '0'`` in a
        # DB parameter group FAILed); no service takes such a password
        and _FLAG.fullmatch(value.strip().strip("'\"")) is None
        and not reference_or_hash(value)
        and _INSTRUCTION.fullmatch(value) is None
    )


#: Texts up to this long keep their answer (at most :data:`_REMEMBERED` of them, a few MB):
#: a CloudFormation / Heat template read again with other parameter values, and each
#: detector of one resource, search the same user data and commands again.
_REMEMBERED_TEXT = 4096
_REMEMBERED = 4096


def _has_secret_shape(text: str) -> bool:
    """Whether ``text`` holds a credential's shape (remembered for texts up to
    :data:`_REMEMBERED_TEXT` long)."""
    if len(text) <= _REMEMBERED_TEXT:
        return _remembered_shape(text)
    return _secret_shape(text)


@lru_cache(maxsize=_REMEMBERED)
def _remembered_shape(text: str) -> bool:
    return _secret_shape(text)


def _secret_shape(text: str) -> bool:
    """Whether ``text`` holds a credential's shape. A group's union is searched only when the
    lower-cased text holds one of its keywords, made of the patterns whose keywords it holds
    (:func:`_union`); text that is not ASCII is searched with every pattern
    (case-insensitive matching reads ``\u212a`` as ``k``, which ``lower()`` need not give)."""
    lowered = text.lower() if text.isascii() else None
    for group in _SHAPES:
        if lowered is None:
            pattern = group.union
        elif group.keywords.search(lowered) is None or (found := _union(group, lowered)) is None:
            continue
        else:
            pattern = found
        if any(
            not _commented_placeholder(text, m) and not _etcd_option(text, m)
            and not _object_reference(text, m) and not _nsswitch_line(text, m)
            and not _placeholder_assignment(text, m) and not _not_key_material(m)
            for m in pattern.finditer(text)
        ):
            return True
    return False


def _not_key_material(match: re.Match[str]) -> bool:
    """Whether ``match`` is a key named by an unknown word set in text (``FERNET_KEY=...``:
    the last pattern of :data:`_ENV_SOURCES`) whose name or value says it holds no key
    material (``PUBLIC_KEY=``, ``KMS_KEY=alias/...``, ``HMAC_KEY=your-hmac-key-here``, a
    UUID): :func:`key_named`, :func:`key_material`."""
    groups = match.re.groupindex
    if "option_name" in groups and match["option_name"] is not None:
        return not (
            _option_key_named(match["option_name"]) and key_material(match["option_value"])
        )
    if "key_name" not in groups or match["key_name"] is None:
        return False
    return not (key_named(match["key_name"]) and key_material(match["key_value"]))


#: Words of a command-line option ending in ``key`` that say it names, fetches or lists keys
#: (gpg's ``--recv-key``, ``--default-key``, ``--trusted-key``, ``--sign-key``: a key's id
#: or fingerprint, which is hex too) rather than giving one.
_OPTION_NOT_MATERIAL = frozenset(
    {"recv", "receive", "fetch", "import", "export", "send", "sign", "lsign", "delete",
     "edit", "trusted", "default", "encrypt", "hidden", "list", "show", "refresh", "locate",
     "server", "keyserver", "name", "file", "path", "ref", "secret"}
)


@lru_cache(maxsize=1024)
def _option_key_named(name: str) -> bool:
    """Whether a command-line option named ``name`` (``encryption-key``, ``master_key``)
    gives a key: its last word is ``key``, no word says the key is public or no key
    material (:data:`_NOT_MATERIAL_WORDS`), and none says it names or fetches one
    (:data:`_OPTION_NOT_MATERIAL`). Unlike :func:`key_named`, a name that is a secret's
    (``--master-key``, ``--signing-key``) counts: no other pattern reads it on a command
    line."""
    words = _words(name)
    return (
        len(words) >= 2 and words[-1] == "key"
        and not _NOT_MATERIAL_WORDS.intersection(words)
        and not _OPTION_NOT_MATERIAL.intersection(words)
    )


#: A setting given its value in text (``export HF_TOKEN=HF_TOKEN``, ``api_key: YOUR_API_KEY``):
#: the name (its last word), then the value after ``=`` or ``:``.
_ASSIGNMENT = re.compile(r"(?:^|.*?[\s\"'{,])?([A-Za-z_][\w-]*)['\"]?[ \t]*[:=][ \t]*['\"]?(\S+)")
#: What may follow a whole value in text.
_VALUE_END = re.compile(r"$|[\s'\",;}\]#)]")


def _placeholder_assignment(text: str, match: re.Match[str]) -> bool:
    """Whether ``match`` sets a third-party key's setting to a placeholder
    (:func:`issued_key_placeholder`: ``export HF_TOKEN=HF_TOKEN`` in a script, ``api_key:
    YOUR_API_KEY`` in a configuration file): the whole value, not one the match cut short."""
    start = match.start()
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_-"):
        start -= 1  # the whole name (``GOOGLE_API_KEY=``, where a shape reads ``API_KEY=``)
    found = _ASSIGNMENT.match(text[start:match.end()].strip())
    if found is None or _VALUE_END.match(text, match.end()) is None:
        return False
    return issued_key_placeholder(found[1], found[2].strip("'\""))


#: A Python reference to a factory, ``package.module:factory`` (Paste Deploy's
#: ``paste.filter_factory = heat.common.auth_password:filter_factory``, "the factory
#: function": an object in a module): a module whose last name ends in ``_password``
#: (``_passwd``, ``_pwd``), then an object named ``...factory`` (``filter_factory``,
#: ``AuthPassword.factory``). Not ``jdbc.admin_password:Hunter22`` (a Java properties line:
#: any other word after the colon is still read as a password) nor ``auth_password: x`` (a
#: space after the colon: YAML).
_OBJECT_REFERENCE = re.compile(
    r"(?:[A-Za-z_]\w*\.)+[A-Za-z_]\w*_(?i:password|passwd|pwd)\d?"
    r":(?:[A-Za-z_]\w*\.)*[A-Za-z_]*(?i:factory)"
)
#: What a word of text ends with.
_WORD_EDGE = re.compile(r"[\s'\"=,;()\[\]{}]")


def _object_reference(text: str, match: re.Match[str]) -> bool:
    """Whether ``match`` is in a word that is a Python object reference
    (:data:`_OBJECT_REFERENCE`): a filter's factory, not a password (openstack-helm's heat
    chart FAILed on its paste pipeline)."""
    start = match.start()
    while start > 0 and _WORD_EDGE.match(text, start - 1) is None:
        start -= 1
    end = _WORD_EDGE.search(text, match.start())
    word = text[start: end.start() if end is not None else len(text)]
    return _OBJECT_REFERENCE.fullmatch(word) is not None


#: A line of ``/etc/nsswitch.conf`` naming where the ``passwd`` database is read from
#: (``passwd:         compat``, ``passwd: files systemd``, ``passwd: files [NOTFOUND=return]
#: ldap``; nsswitch.conf(5): a database, then its sources and actions): the sources
#: glibc's name service switch documents and the common NSS modules.
_NSSWITCH = re.compile(
    r"[ \t]*passwd:[ \t]*(?:(?:files|compat|db|nis|nisplus|hesiod|dns|sss|systemd|ldap"
    r"|winbind|altfiles|cache|extrausers|mymachines|myhostname|resolve|usrfiles)"
    r"|\[!?[A-Za-z]+=[a-z]+(?:[ \t]+!?[A-Za-z]+=[a-z]+)*\])"
    r"(?:[ \t]+(?:[a-z]+|\[!?[A-Za-z]+=[a-z]+(?:[ \t]+!?[A-Za-z]+=[a-z]+)*\]))*[ \t]*\r?"
)


def _nsswitch_line(text: str, match: re.Match[str]) -> bool:
    """Whether ``match`` is the ``passwd:`` line of an ``nsswitch.conf`` (a ConfigMap
    mounting one: redis-enterprise's in kubernetes-engine-samples FAILed on ``passwd:
    compat``): the line names the password database's sources (its first one a known NSS
    source), no password."""
    start = text.rfind("\n", 0, match.start()) + 1
    end = text.find("\n", match.start())
    line = text[start: end if end >= 0 else len(text)]
    return _NSSWITCH.fullmatch(line) is not None


#: etcd's ``--discovery-token`` ("V3 discovery: discovery token for the etcd cluster to be
#: bootstrapped", etcd Configuration options), as a match of the token pattern starts.
_DISCOVERY_OPTION = re.compile(r"(?i)--discovery-token(?:[= ]|$)")
#: A line continued on the next (``\`` at its end: a unit file's ``ExecStart=``, a script).
_CONTINUED = re.compile(r"\\[ \t]*\r?\n")
#: What ends one command and starts another on a line.
_COMMAND_END = re.compile(r"&&|\|\||[;|&]")


def _command_words(words: list[str]) -> set[str]:
    """The names of the programs among a command's words: each word that is no option, its
    quotes, a ``NAME=`` before it (``ExecStart=/usr/bin/etcd``) and its directory dropped,
    and an image's tag or digest (``quay.io/coreos/etcd:v3.5.9``)."""
    names = set()
    for written in words:
        word = written.strip("'\"[],")
        if not word or word.startswith("-"):
            continue
        program = word.rsplit("=", 1)[-1].rsplit("/", 1)[-1]
        names.add(program.split("@", 1)[0].split(":", 1)[0].lower())
    return names


def etcd_command(words: list[str]) -> bool:
    """Whether the words before an option are an etcd command line (``etcd``, ``/usr/bin/
    etcd``, an etcd image run), not kubeadm's (whose ``--discovery-token`` is a bootstrap
    token, a credential)."""
    names = _command_words(words)
    return bool(names & {"etcd", "etcd.exe"}) and "kubeadm" not in names


def _etcd_option(text: str, match: re.Match[str]) -> bool:
    """Whether ``match`` is etcd's ``--discovery-token`` given to an etcd command (the same
    command, back to its start past continued lines): the token names one cluster's registry
    in a discovery service and is used only at bootstrap, as ``ETCD_DISCOVERY_TOKEN`` is
    (models/secret_names.py); not kubeadm's ``--discovery-token``."""
    if _DISCOVERY_OPTION.match(match.group()) is None:
        return False
    before = _CONTINUED.sub(" ", text[: match.start()])
    line = before[before.rfind("\n") + 1:]
    command = _COMMAND_END.split(line)[-1]
    return etcd_command(command.split())


#: What starts a comment line in the texts searched: shell, YAML, Puppet, Ruby, Python, INI
#: and conf files (``#``, ``;``), HCL / JavaScript (``//``, ``/*``), XML (``<!--``).
_COMMENT_START = ("#", "//", "/*", ";", "<!--")
#: A value that stands in for a secret (case-insensitive, quotes stripped): a word telling
#: the reader what to write (``test``, ``changeme``, ``password``, ``<password>``,
#: ``your_api_key``), a run of one character (``xxx``, ``****``) or a sequence (``123456``);
#: a value holding such a word (``veryverysecret``, ``testpass``, Django's sample
#: ``top-secret!`` in Horizon's commented ``#EMAIL_HOST_PASSWORD = 'top-secret!'``), as
#: gitleaks' stopwords drop a generic secret holding one.
_PLACEHOLDER = re.compile(
    r"(?i:test(?:ing)?\d*|changeme\d*|change[-_]?(?:me|it)|secret\d*|pass(?:word|wd)?\d*"
    r"|passw0rd|pwd|example|sample|dummy|fake|foo|bar|baz|foobar|placeholder|redacted|todo"
    r"|fixme|none|null|empty|value|(?:x|\*|\.|-|_|0)+|1234\d*|abc(?:123)?|<[^<>]*>?|\[[^\[\]]*\]?"
    r"|(?:my|the)[-_]?(?:db[-_]?)?(?:password|pass|secret|token|key|api[-_]?key)\d*"
    r"|your[-_.]?\w*|[\w-]*(?:example|placeholder|changeme|change[-_]me|dummy|sample|fake|secret"
    r"|passw(?:or)?d|test|insert[-_]|replace[-_])[\w-]*!?)"
)


def _commented_placeholder(text: str, match: re.Match[str]) -> bool:
    """Whether ``match`` (a credential's shape in ``text``) is a placeholder on a commented-out
    line (``#password => "test"`` in a logstash config, ``# export DB_PASSWORD=changeme``):
    nothing deploys it and nothing real leaks. A commented line with any other value is a
    secret committed to the repository, as gitleaks and detect-secrets report it (neither
    skips comments); an uncommented placeholder is what the server is given (it FAILs)."""
    start = text.rfind("\n", 0, match.start()) + 1
    line = (text[start:match.start()] + match.group()).lstrip()
    if not line.startswith(_COMMENT_START):
        return False
    found = match.group().strip(" \t\r\n'\",;")
    if "://" in found and "@" in found:
        value = found.rsplit("@", 1)[0].rsplit(":", 1)[-1]
    else:
        value = re.split(r"[\s=:>'\"]+", found)[-1]
    return _PLACEHOLDER.fullmatch(value.strip("'\"")) is not None


#: Third parties that issue API keys and access tokens, as a setting names them before its
#: final ``token`` / ``key`` (Hugging Face's ``HF_TOKEN``, ``HUGGING_FACE_HUB_TOKEN``,
#: ``GITHUB_TOKEN``, NVIDIA NGC's ``NGC_KEY``): the key is what the issuer hands out.
_ISSUERS = frozenset(
    {"hf", "huggingface", "hugging", "github", "gh", "gitlab", "openai", "nvidia", "ngc",
     "nvapi", "google", "gemini", "anthropic", "claude", "cohere", "mistral", "groq",
     "replicate", "slack", "discord", "telegram", "pingdom", "datadog", "dd", "newrelic",
     "sentry", "kaggle", "wandb", "langsmith", "langchain", "pinecone", "tavily", "serpapi"}
)
#: Words a placeholder for a key adds to the setting's own name (``GOOGLE_API_KEY_VAL``,
#: ``YOUR_API_KEY``, ``your-hf-token-here``, ``<insert-api-key>``).
_FILLER = frozenset(
    {"your", "my", "insert", "enter", "replace", "put", "paste", "add", "with", "here", "value",
     "val", "the", "this", "goes", "own", "api", "key", "keys", "token", "access"}
)
#: A vendor's key prefix (the shape :data:`_VALUE_SOURCES` or the vendor documents), and the
#: shortest tail a real key of that vendor has after it: ``hf_`` + 34 letters (Hugging Face
#: user access tokens), ``nvapi-`` + 64 (NVIDIA API keys), ``AIza`` + 35 (Google API keys),
#: ``sk-`` + 20 or more (OpenAI), ``ghp_`` + 36 (GitHub), ``glpat-`` + 20 (GitLab).
_VENDOR_PREFIXES = (("hf_", 34), ("nvapi-", 64), ("aiza", 35), ("sk-proj-", 40), ("sk-", 20),
                    ("ghp_", 36), ("github_pat_", 40), ("glpat-", 20), ("xoxb-", 20),
                    ("xoxp-", 20))  # fmt: skip
_TAIL_FILLER = re.compile(r"(?:x+|\*+|\.+|0+|[a-z]*(?:key|token|your|here|xxx)[a-z]*)")
#: A placeholder written as a template for the name: ``<your-api-key>``, ``{{API_KEY}}``,
#: ``{HF_TOKEN}``, ``[API_KEY]`` (a bare name, not a template action: ``{{ .Values.key }}``
#: reads a value).
_BRACKETED = re.compile(
    r"<\s*([\w .-]+?)\s*>|\{\{?\s*([A-Za-z][\w-]*)\s*\}\}?|\[\s*([\w -]+?)\s*\]"
)


#: Words of a token's or key's name saying whoever deploys it chooses it: the server is given
#: the value and takes a placeholder as the credential (a password, a secret; a private,
#: master, encryption or signing key; a cluster's join token such as ``K3S_TOKEN``, which
#: k3s servers are started with and agents join by; an admin's or a webhook's token).
_CHOSEN = frozenset(
    {"password", "passwd", "pass", "pwd", "secret", "private", "master", "encryption",
     "encrypt", "signing", "sign", "root", "admin", "join", "bootstrap", "cluster", "shared",
     "session", "k3s", "rke2", "k0s", "kubeadm", "kubelet", "node", "agent", "server",
     "worker", "discovery", "etcd", "init", "initial", "webhook", "verify", "verification",
     "hmac", "jwt", "cookie", "csrf", "xsrf", "internal", "super", "superuser",
     "management", "recovery", "unseal", "registration", "salt", "cipher"}
)
#: Words of a token's name that name no issuer (``AUTH_TOKEN``, ``BOT_TOKEN``,
#: ``RUNNER_TOKEN``: whose token is not said, so whether its value is chosen is not known).
_GENERIC = frozenset(
    {"auth", "access", "bearer", "refresh", "id", "client", "user", "app", "application",
     "service", "svc", "api", "web", "http", "https", "my", "the", "default", "prod",
     "production", "dev", "test", "staging", "ci", "cd", "deploy", "runner", "metrics",
     "bot", "personal", "oauth", "oauth2", "login", "security", "secure", "remote",
     "local", "env", "config", "rpc", "grpc", "ws"}
)


def _issued_key_name(words: list[str]) -> bool:
    """Whether a setting's words name a key or token a third party issues: an API key or
    token (``GOOGLE_API_KEY``, ``apiKey``, ``NGC_API_KEY``), an access token, a licence key
    (``NEW_RELIC_LICENSE_KEY``), a key named for a known issuer (``NGC_KEY``), or a token
    named for whoever issues it (``HF_TOKEN``, ``GITHUB_TOKEN``, a new vendor's
    ``FOOAI_TOKEN``, ngrok's ``NGROK_AUTHTOKEN``). Not a password, a secret, a private,
    master, encryption or signing key, nor a token chosen by whoever deploys it (a
    cluster's join token, an admin's, a webhook's: :data:`_CHOSEN`), nor a token whose
    issuer is not named (``AUTH_TOKEN``): a placeholder there becomes the credential. A key
    named only by an unknown word stays a secret (MinIO's ``MINIO_ACCESS_KEY`` is the key
    the deployer starts the server with)."""
    # a word and the next joined too: ``K3S_TOKEN``'s camelCase split is ``k3``, ``s``
    if not words or (set(words) | {a + b for a, b in pairwise(words)}) & _CHOSEN:
        return False
    if words[-1] in ("apikey", "apitoken") or words[-2:] in (["api", "key"], ["api", "token"],
                                               ["access", "token"], ["license", "key"],
                                               ["licence", "key"]):
        return True
    if words[-1] in ("token", "key") and set(words[:-1]) & _ISSUERS:
        return True
    return words[-1] in ("token", "authtoken") and bool(set(words[:-1]) - _GENERIC)


def issued_key_placeholder(name: str, value: str) -> bool:
    """Whether ``value``, under ``name``, is a placeholder for a key or token a third party
    issues (:func:`_issued_key_name`), no credential: the setting's own name
    (``HF_TOKEN: HF_TOKEN``, case, ``-`` and ``_`` ignored), that name with ``VAL`` /
    ``VALUE`` / ``HERE`` (``GOOGLE_API_KEY: GOOGLE_API_KEY_VAL``), words telling what to
    write (``YOUR_API_KEY``, ``your-hf-token-here``), a bracketed one (``<your-api-key>``,
    ``{{API_KEY}}``), or a vendor's prefix with no real key after it (``nvapi-NVKEY``,
    ``hf_xxxx``). The issuer hands out keys of its own shape: a value shaped like one
    (``hf_`` + 34 letters, ``AIza...``, ``nvapi-`` + 64) is judged as any secret is. A
    password's placeholder is none of these: the server takes it as the password."""
    words = _words(name)
    if not _issued_key_name(words):
        return False
    text = value.strip().strip("'\"")
    bracketed = _BRACKETED.fullmatch(text)
    if bracketed is not None:
        text = next(group for group in bracketed.groups() if group is not None)
    if _MASK.fullmatch(text) is not None:
        return True  # ``xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`` (TripleO's CinderPureAPIToken)
    if _EXAMPLE_WORD.search(text) is not None:
        # a documentation stand-in marked as one (AFT's examples: ``terraform_token =
        # "EXAMPLE-uoc1c1qsw7poexampleewjeno1pte3rw"``, an HCP Terraform token, FAILed): no
        # issuer hands out a token holding the word EXAMPLE apart. Not a key that only ends
        # so (``AKIAIOSFODNN7EXAMPLE``, which checkov's fixtures take as a secret)
        return True
    lowered = text.lower()
    for prefix, length in _VENDOR_PREFIXES:
        if lowered.startswith(prefix):
            tail = lowered[len(prefix):]
            return len(tail) < length and _TAIL_FILLER.fullmatch(tail.strip("-_")) is not None
    if (
        4 <= len(text) <= _PLACEHOLDER_WORD_MAX and not any(c.isdigit() for c in text)
        and _PLACEHOLDER.fullmatch(text) is not None and not key_material(text)
    ):
        # a placeholder word (``GitHubToken: dummy`` passed to aws-samples/retail-demo-store's
        # nested stack by its Event Engine templates, ``HF_TOKEN: changeme``): no issuer hands
        # out a key that is such a word, so nothing it authenticates is written here. With a
        # digit (``your-secret-prod-key-123``, ``abc123``) or shorter (``x``) it is a value.
        return True
    said = _words(text)
    if not said or not re.fullmatch(r"[\w .<>{}\[\]-]+", text):
        return False
    joined, own_name = "".join(said), "".join(words)
    if joined in (own_name, f"{own_name}val", f"{own_name}value", f"{own_name}here"):
        return True
    own = set(words)
    # words telling what to write may name the issuer another way (``HF_API_KEY:
    # your-huggingface-api-key-here``, kubeflow's model catalog): up to two words of letters
    extra = set(said) - own - _FILLER
    return (
        (bracketed is not None or said[0] in _TELLING)
        and len(extra) <= 2 and all(word.isalpha() for word in extra)
        and bool(set(said) & ({"key", "token", "apikey"} | (own - _FILLER)))
    )


#: The longest placeholder word (:data:`_PLACEHOLDER`, 4 letters or more, no digit) taken as a
#: stand-in for an issued key:
#: the keys third parties issue are longer random strings (GitHub 40 characters, Twilio 32).
_PLACEHOLDER_WORD_MAX = 24

#: The upper-case word EXAMPLE written apart in a value (``EXAMPLE-abc123``, ``key_EXAMPLE``).
_EXAMPLE_WORD = re.compile(r"(?:^|[^A-Za-z0-9])EXAMPLE(?:$|[^A-Za-z0-9])")

#: A key's shape masked out: runs of ``x`` or ``*`` between separators.
_MASK = re.compile(r"[xX*]{4,}(?:[-_ .:][xX*]+)*")


#: Words a placeholder starts with, telling the reader what to write.
_TELLING = frozenset({"your", "my", "insert", "enter", "replace", "put", "paste", "add"})


def _json_template(key: str, value: Any) -> dict[str, Any] | list[Any] | None:
    """The JSON object or list a document attribute (``SecretStringTemplate``,
    ``container_definitions``) holds, if any."""
    if not isinstance(value, str) or not _template_name(key):
        return None
    try:
        parsed = json.loads(value)
    except ValueError:
        return None
    return parsed if isinstance(parsed, dict | list) else None


def _secret_pair(fields: dict[Any, Any]) -> bool:
    """Whether ``fields`` is a name / value pair whose name is a secret's (``{name:
    "DB_PASSWORD", value: ...}``) and whose value is written there (not a store's)."""
    value_key = next((k for k in _PAIR_VALUE_KEYS if k in fields), None)
    if value_key is None:
        return False
    name = next((fields[k] for k in _PAIR_NAMES if k in fields), None)
    if not isinstance(name, str):
        return False
    kind = fields.get("type", fields.get("Type"))
    if isinstance(kind, str) and kind.strip().lower() in _STORE_TYPES:
        return False
    value = fields[value_key]
    if isinstance(value, str) and value.strip().isdigit():
        # a number (a CloudWatch metric transformation named ``honeytoken_is_used`` counting
        # ``1``): a setting, not a secret a pair's name would make one
        return False
    last = name.rsplit(".", 1)[-1]
    if isinstance(value, str) and names_reference(last, value):
        return False  # ``{name: auth.existingSecret, value: pg-auth}`` names a Secret
    return is_secret_name(last)


def secret_pair_value(fields: Mapping[Any, Any]) -> Any:
    """The key of the value of ``fields`` when it is a name / value pair named as a secret
    (``{Key: db_password, Value: ...}``), else None."""
    if not isinstance(fields, dict) or not _secret_pair(fields):
        return None
    return next(k for k in _PAIR_VALUE_KEYS if k in fields)


@lru_cache(maxsize=8192)
def _template_name(key: str) -> bool:
    return key.strip().lower() in _JSON_TEMPLATE_NAMES


class _Found(list[str]):
    """The paths :func:`_find` finds, and the placeholders for issued keys it passed over
    (:func:`issued_key_placeholder`), for a caller that says so in a PASS."""

    def __init__(self, placeholders: list[str]) -> None:
        super().__init__()
        self.placeholders = placeholders


def _placeholder_noted(found: list[str], where: str, value: str, name: str) -> bool:
    """Whether ``value`` under ``name`` is a placeholder for an issued key
    (:func:`issued_key_placeholder`); if so, ``where`` is noted in ``found``'s
    placeholders when it keeps them (:class:`_Found`)."""
    if not issued_key_placeholder(name, value):
        return False
    if isinstance(found, _Found):
        found.placeholders.append(where)
    return True


def _pair_name(fields: Mapping[Any, Any]) -> str:
    """The name of a name / value pair (``{name: HF_TOKEN, value: ...}``)."""
    name = next((fields[k] for k in _PAIR_NAMES if k in fields), "")
    return str(name).rsplit(".", 1)[-1]


def _walk(
    value: Any, path: str, named_secret: bool, sensitive: frozenset[str] = frozenset(),
    placeholders: list[str] | None = None,
) -> list[str]:
    """The paths (below ``path``) of the literal secrets in ``value``; ``named_secret``: the
    value sits under a secret-named attribute; ``sensitive``: dotted argument names (block
    indexes left out) that hold secrets whatever they are called; ``placeholders``: where
    to add the paths of placeholders for issued keys, if wanted."""
    found: list[str] = [] if placeholders is None else _Found(placeholders)
    _find(value, path, [], named_secret, found, sensitive)
    return found


#: A ``user:password`` entry of cloud-init's ``chpasswd`` list that sets a password written
#: there (not ``R`` / ``RANDOM``, which cloud-init generates, nor a hash: ``$6$...``).
_CHPASSWD_ENTRY = re.compile(r"^\s*[a-z_][\w.-]*:(?!\s*(?:R|RANDOM)\s*$)(?![$!*])\S{3,}\s*$")


def _chpasswd(settings: dict[Any, Any]) -> bool:
    """Whether a cloud-config ``chpasswd`` mapping's ``list`` (text or a list) sets a
    password written in it (``root:Hunter22``: it PASSed)."""
    entries = settings.get("list")
    lines = entries.splitlines() if isinstance(entries, str) else entries
    return any(
        isinstance(line, str) and _CHPASSWD_ENTRY.match(line) is not None
        for line in (lines if isinstance(lines, list) else [])
    )


#: A key named as a configuration file (a ConfigMap's ``discordsrv-token.json``): it holds
#: the file's text, searched for credential shapes, not a secret by its name.
_FILE_NAME = re.compile(
    r"[\w.-]+\.(?:json|ya?ml|conf|cfg|properties|xml|ini|toml|txt|env|sh|py)", re.IGNORECASE
)


@lru_cache(maxsize=4096)
def _names_secret_keys(name: str) -> bool:
    """A map named for the keys of a Secret (``secretKeys``, ``secret_keys``)."""
    return _words(name)[-2:] == ["secret", "keys"]


def _local_name(name: str) -> str:
    """The name an annotation-style key gives after its prefix
    (``secret.reloader.stakater.com/reload``: ``reload``)."""
    return name.rsplit("/", 1)[-1] if "/" in name else name


def _sensitive_at(keys: list[str], name: str, sensitive: frozenset[str]) -> bool:
    """Whether the argument ``name`` below ``keys`` is one of ``sensitive`` (or its
    write-only twin, ``value_wo`` for ``value``)."""
    dotted = ".".join(k for k in (*keys, name) if not k.isdigit())
    return dotted in sensitive or (dotted.endswith("_wo") and dotted[:-3] in sensitive)


#: Words of a ``*_KEY`` name that say the key is public or names one (a GPG key's
#: fingerprint under ``GPG_KEY``: Docker's python images; a ``PUBLIC_KEY``), or that the key
#: indexes data (``partition_key``, ``cache_key``, a DynamoDB ``hash_key``, an S3 object
#: key): no key material, whatever its value.
_NOT_MATERIAL_WORDS = frozenset(
    {"public", "pub", "gpg", "pgp", "fingerprint", "ssh", "host", "known", "partition",
     "sort", "hash", "range", "cache", "routing", "object", "primary", "foreign",
     "idempotency", "lock", "dedup", "deduplication", "message", "group", "map", "lookup",
     "index", "s3", "bucket", "storage", "kms", "cmk", "vault", "id", "arn", "alias",
     # keys meant to be seen (reCAPTCHA's site key, Stripe's publishable key, a search-only
     # key served to browsers)
     "site", "publishable", "search", "browser"}
)


@lru_cache(maxsize=8192)
def key_named(name: str) -> bool:
    """Whether ``name`` ends with the word ``key`` and says nothing else of it
    (``FERNET_KEY``, ``ENCRYPTION_KEY``, ``HMAC_KEY``, ``APP_KEY``, ``cipherKey``): a key
    named only by a word gdcc-audit does not know, which is a secret when its value is key
    material (:func:`key_material`); not a name :data:`_NOT_MATERIAL_WORDS` qualifies, nor
    ``key`` alone (a Secret's key in a reference, a tag's key, an S3 object's key)."""
    words = _words(name)
    return (
        len(words) >= 2 and words[-1] == "key"
        and not _NOT_MATERIAL_WORDS.intersection(words)
        and not is_secret_name(name)
    )


_MATERIAL = re.compile(r"[A-Za-z0-9+/_-]{20,}={0,2}")
_HEX_MATERIAL = re.compile(r"(?:0x)?[0-9a-fA-F]{32,}")
_UUID = re.compile(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")


def key_material(text: str) -> bool:
    """Whether ``text`` is key material as keys are written: 32 or more hex digits (an AES
    key, ``openssl rand -hex 32``), or 20 or more base64 / base64url characters with capitals,
    small letters and digits, none repeated much (a Fernet key, ``openssl rand -base64 32``,
    Laravel's ``base64:...`` ``APP_KEY``); not a UUID (a key's id), a word, a path or a
    placeholder (``your-encryption-key``, ``xxxxxxxx...``)."""
    value = text.strip().strip("'\"")
    value = value.removeprefix("base64:")
    if _UUID.fullmatch(value) is not None:
        return False
    if _HEX_MATERIAL.fullmatch(value) is not None:
        return len(set(value.lower())) >= 10
    if _MATERIAL.fullmatch(value) is None:
        return False
    if "/" in value and len(value) < 40:
        return False  # a path (``keys/app/main``), unless as long as a 30-byte key
    if not (any(c.isupper() for c in value) and any(c.islower() for c in value)
            and any(c.isdigit() for c in value)):
        return False
    return len(set(value)) >= min(16, len(value) // 2)


def _material_under_key_name(fields: Mapping[Any, Any], name: str, said: _Key, item: str) -> bool:
    """Whether ``item`` (the value of ``name`` in ``fields``) is key material under a key
    named only by a word not known (``FERNET_KEY``, ``HMAC_KEY``, an env pair ``{name:
    ENCRYPTION_KEY, value: ...}``): :func:`key_named`, :func:`key_material`. Not the name
    field of a pair (a CloudFormation StackSet's or CodePipeline's ``{ParameterKey:
    pSRAStagingS3BucketName, ParameterValue: ...}``: a parameter's name, never key material;
    aws-security-reference-architecture-examples' StackSets FAILed)."""
    if not said.pair_value and name in _PAIR_NAMES:
        return False
    return key_named(_pair_name(fields) if said.pair_value else name) and key_material(item)


class _Key(NamedTuple):
    """What the name of a key says to :func:`_find`, whatever its value (one per name)."""

    #: a ciphertext's name (``encryptedData``): a mapping or list under it is not plaintext
    ciphertext: bool
    #: a type's name (``type``, ``varType``): :func:`_type_constraint` reads its value
    type_name: bool
    #: cloud-init's ``chpasswd``
    chpasswd: bool
    #: the value field of a name / value pair (``value``, ``ParameterValue``)
    pair_value: bool
    #: a key saying where its mapping's value comes from (``valueFrom``)
    from_key: bool
    #: named as a secret (its local name), and not as a configuration file
    secret: bool
    #: a JSON document's name (``container_definitions``): :func:`_json_template` reads it
    template: bool


@lru_cache(maxsize=8192)
def _key(name: str) -> _Key:
    """The checks :func:`_find` makes of a key's name, made once per name: a scan reads the
    same argument names in every resource (``tags``, ``cidr_block``, ``ingress``...)."""
    lowered = name.lower()
    return _Key(
        ciphertext=is_ciphertext_name(name),
        type_name=lowered in _TYPE_NAMES,
        chpasswd=lowered == "chpasswd",
        pair_value=lowered in _PAIR_VALUES,
        from_key=lowered in _FROM_KEYS,
        secret=is_secret_name(_local_name(name)) and _FILE_NAME.fullmatch(name) is None,
        template=_template_name(name),
    )


#: Values :func:`_find` finds nothing in, by exact type (whatever their key's name).
_NOTHING_WRITTEN = frozenset({int, float, bool, type(None)})


def _find(
    value: Any, path: str, keys: list[str], named: bool, found: list[str],
    sensitive: frozenset[str] = frozenset(), carried: bool = False,
) -> None:
    """What ``_walk`` finds, added to ``found``; ``keys`` are the names and indexes from
    ``path`` down to ``value`` (a path string is only made for a secret found); ``carried``:
    ``value`` is a block of a secret-named list, whose ``value`` field holds the secret (or
    a list of such blocks: ``secrets``)."""
    if isinstance(value, dict):
        pair = _secret_pair(value) or carried
        # a mapping whose value comes from a reference (External Secrets' ``{secretKey: db,
        # remoteRef: {key: ...}}``, an env var's ``valueFrom``): its other fields name things
        # a ``secretKeys: {password: DB_PASSWORD}`` map names keys of a Secret
        referred = any(_key(str(key)).from_key for key in value) or (
            bool(keys) and _names_secret_keys(keys[-1])
        )
        # (a number, a flag, null: no text to search, whatever its name)
        entries = [
            (str(key), item) for key, item in value.items() if type(item) not in _NOTHING_WRITTEN
        ]
        described = [_key(name) for name, _ in entries]
        for (name, item), said in zip(entries, described, strict=True):
            if said.ciphertext and isinstance(item, dict | list):
                continue  # ciphertexts (a SealedSecret's ``encryptedData``): not plaintext
            if said.type_name and _type_constraint(name, item):
                continue  # a module's interface: the types of its inputs and outputs
            if said.chpasswd and isinstance(item, dict) and _chpasswd(item):
                found.append(_path(path, [*keys, name, "list"]))
            chosen = bool(sensitive) and _sensitive_at(keys, name, sensitive)
            chosen = chosen or (pair and said.pair_value)
            inner = named or chosen or (not referred and (said.secret or (
                isinstance(item, str) and _material_under_key_name(value, name, said, item)
            )))
            if isinstance(item, str):
                fields = _json_template(name, item) if said.template else None
                if (
                    # ``HF_TOKEN: HF_TOKEN``: no key (noted where placeholders are asked for)
                    inner and _placeholder_noted(
                        found, _path(path, [*keys, name]), item,
                        _pair_name(value) if pair and said.pair_value else name,
                    )
                ) or (
                    fields is None and inner and not named and not chosen
                    and _document_secrets(item, path, [*keys, name], sensitive, found)
                ):
                    continue
                if fields is None:
                    if (
                        _secret_text(item, inner)
                        and not names_reference(name, item)
                        and (named or not _names_thing_only(name, item))
                        and not key_of_named_secret(name, item, value)
                        and not digest_of(name, item)
                        and not character_set(name, item)
                        and not bare_endpoint(name, item)
                        and not setup_pass(name, item)
                        and not image_of_job(keys, item)
                        and not credential_file(item)
                        # a ``connection_string { name, type, value }`` block's value
                        and not (pair and said.pair_value and len(keys) > 1
                                 and bare_endpoint(keys[-2], item))
                    ):
                        found.append(_path(path, [*keys, name]))
                    continue
                keys.append(name)
                _find(fields, path, keys, inner, found, sensitive)
                keys.pop()
            elif isinstance(item, dict):
                # a mapping's own keys say which of its fields are secrets: a secret-like name
                # above them does not make every field one (SAM ``Events: {LambdaToken:
                # {Type: Api, ...}}`` named its event's Type and Path secrets); a map the
                # provider marks sensitive (a Kubernetes Secret's ``data``) is secret whole
                keys.append(name)
                wrapped = inner and "value" in item and item.keys() <= _VALUE_WRAPPER
                _find(item, path, keys, named or chosen, found, sensitive, carried=wrapped)
                keys.pop()
            elif isinstance(item, list | tuple):
                # (``carried``: a list of secrets written ``{name, value}``, Azure Container
                # Apps ``configuration.secrets``, "Collection of secrets used by a Container
                # app": each block's ``value`` is a secret; a list of names alone is not)
                keys.append(name)
                _find(item, path, keys, inner, found, sensitive,
                      carried=not inner and name.lower() == "secrets")
                keys.pop()
    elif isinstance(value, list | tuple):
        # a command written as a list: an option and its value are two items
        secret_items = set(split_option_secrets(value))
        for index, item in enumerate(value):
            if isinstance(item, str):
                if index in secret_items or (
                    _secret_text(item, named) and not _etcd_item(value, index)
                    and not (keys and lists_secret_objects(keys[-1], item))
                ):
                    found.append(_path(path, [*keys, str(index)]))
            elif isinstance(item, dict):
                # a block of a secret-named list (``connection_string { name, type, value
                # }``): its own names decide, and its ``value`` is the secret
                keys.append(str(index))
                _find(item, path, keys, False, found, sensitive, carried=named or carried)
                keys.pop()
            elif isinstance(item, list | tuple):
                keys.append(str(index))
                _find(item, path, keys, named, found, sensitive)
                keys.pop()
    elif isinstance(value, str) and _secret_text(value, named):
        found.append(_path(path, keys))


def _etcd_item(items: list[Any] | tuple[Any, ...], index: int) -> bool:
    """Whether ``items[index]`` is ``--discovery-token=TOKEN`` in an etcd command written as
    a list (``["/usr/local/bin/etcd", "--discovery-token=..."]``): :func:`_etcd_option`."""
    item = items[index]
    return (
        isinstance(item, str)
        and _DISCOVERY_OPTION.match(item) is not None
        and not _has_secret_shape(item.split("=", 1)[0])
        and " " not in item.strip()
        and etcd_command([str(word) for word in items[:index]])
    )


def _json_document(text: str) -> dict[Any, Any] | None:
    """The JSON object ``text`` holds, if it is one (a configuration document written as a
    string: kserve's ``credentials`` ConfigMap key)."""
    if not text.lstrip().startswith("{") or len(text) > _MAX_DOCUMENT:
        return None
    try:
        parsed = json.loads(text)
    except ValueError:
        return None
    return parsed if isinstance(parsed, dict) else None


#: The longest JSON text under a secret's name read as a document.
_MAX_DOCUMENT = 65536


def _document_secrets(
    text: str, path: str, keys: list[str], sensitive: frozenset[str], found: list[str]
) -> bool:
    """A JSON object written as text under a secret's name (``credentials: '{"s3":
    {"s3SecretAccessKeyName": "AWS_SECRET_ACCESS_KEY", ...}}'``): its fields named or shaped
    as secrets are the secrets found (``credentials.password``). When none is, each value
    that is neither empty, a setting nor a name (:func:`_unexplained`) is taken for one
    and the whole value is the secret (``{"secret": "..."}``, a Docker ``auths``
    document: not every field is named as a secret). True when the document holds no
    secret at all (kserve's storage configuration: names of Secrets, files and variables;
    it FAILed) or its secret fields were added to ``found``; False when the whole value is
    the secret, or ``text`` is no JSON object."""
    document = _json_document(text)
    if document is None:
        return False
    before = len(found)
    _find(document, path, list(keys), False, found, sensitive)
    return len(found) > before or not _unexplained(document, "")


#: Fields of a secret's JSON document that say who and where, never the secret: the fields
#: Secrets Manager documents beside ``password`` in a database secret ("JSON structure of
#: Secrets Manager secrets": ``engine``, ``host``, ``username``, ``dbname``, ``port``,
#: ``dbInstanceIdentifier``, ``dbClusterIdentifier``) and a plain ``user``. aws-ia's
#: transfer-family connector writes ``{Username = "sftp-user", PrivateKey = var.key}``
#: whose key defaults to ``""``: the user's name alone FAILed as the secret.
_WHO_AND_WHERE = frozenset(
    {"username", "user", "engine", "host", "hostname", "port", "dbname",
     "dbinstanceidentifier", "dbclusteridentifier"}
)


#: The last word (or two) of a stored secret's key that names who logs in or where, not how
#: (a Kubernetes Secret's ``username``, ``POSTGRES_USER``, ``admin-email``, ``DB_HOST``,
#: ``port``, ``dbname``: the fields Secrets Manager documents beside ``password`` in a
#: database secret, ``_WHO_AND_WHERE``; kubernetes.io/basic-auth's ``username`` beside its
#: ``password``, "Secrets", kubernetes.io/docs/concepts/configuration/secret/).
_IDENTITY_WORDS = frozenset(
    {"user", "username", "usr", "email", "mail", "host", "hostname", "port", "dbname",
     "database", "engine",
     # where a service listens (StorageOS' ``apiAddress``), and an account's name, public in
     # its URLs (the Azure File volume's ``azurestorageaccountname``)
     "address", "accountname"}
)
_IDENTITY_PAIRS = frozenset(
    {("user", "name"), ("login", "name"), ("email", "address"), ("db", "name"),
     ("database", "name"), ("account", "name")}
)
#: Endings of a key written as one word (``azurestorageaccountname``, ``mqttusername``).
_IDENTITY_ENDINGS = ("username", "accountname", "hostname")


def identity_key(name: str, text: str) -> bool:
    """Whether a stored secret's key ``name`` holding ``text`` names a user or a place (its
    last words: :data:`_IDENTITY_WORDS`, :data:`_IDENTITY_PAIRS`) and the text has no
    credential's shape: kept beside the password, it is no secret itself (a Secret's
    ``username: admin`` FAILed as one). A key with a secret's name (``user_password``,
    ``userToken``) is not one."""
    words = _words(name)
    if not words or is_secret_name(name):
        return False
    if len(words) > 1 and words[-1] in _DIRECTION_WORDS:
        # iSCSI CHAP's ``node.session.auth.username_in``: the user of the other direction
        # (mutual CHAP, the Kubernetes iSCSI volume's Secret keys); its ``password_in`` is a
        # secret's name and still FAILs
        words = words[:-1]
    named = (
        words[-1] in _IDENTITY_WORDS or tuple(words[-2:]) in _IDENTITY_PAIRS
        or words[-1].endswith(_IDENTITY_ENDINGS)
    )
    if not named or _has_secret_shape(text):
        return False
    value = text.strip()
    # a login written whole (``user: admin:S3cret``, ``host: app:pw@db``, an address with
    # a user and password or a query: ``amqp://u:p@mq``, ``https://x/?token=...``) is no name
    if "@" in value and _EMAIL.fullmatch(value) is None:
        return False
    if words[-1] == "address" and "?" in value:
        return False
    return not (words[-1] in ("user", "username", "usr", "name") and _NOT_A_NAME.search(value))


#: The last word of a setting that describes a key instead of holding one: its cipher, hash,
#: size, algorithm, provider (LUKS's ``CRYPTO_KEY_CIPHER`` / ``_HASH`` / ``_SIZE`` /
#: ``_PROVIDER`` beside ``CRYPTO_KEY_VALUE`` in a Longhorn volume-encryption Secret, a JWT's
#: ``keyAlgorithm``); the key itself is under another name.
_KEY_PARAMETER_WORDS = frozenset(
    {"cipher", "hash", "size", "length", "len", "bits", "algorithm", "alg", "provider",
     "pbkdf", "kdf", "mode", "type", "format", "iterations", "rounds"}
)
#: Words saying the setting is about a key (one of them before the parameter word).
_KEY_SUBJECT_WORDS = frozenset(
    {"key", "keys", "crypto", "cryptsetup", "encryption", "encrypt", "cipher", "luks", "jwt",
     "signing", "kms"}
)
#: What such a setting holds: a number, or the name of an algorithm, a cipher mode or a key
#: provider (``aes-xts-plain64``, ``sha256``, ``argon2i``, ``RS256``, ``secret``, ``kms``).
_KEY_PARAMETER_VALUE = re.compile(
    r"\d{1,5}|(?:aes|xts|cbc|gcm|ctr|plain64|essiv|sha|md5|argon2|pbkdf2|scrypt|bcrypt|hmac|"
    r"rsa|ecdsa|ec|ed25519|ed448|es|rs|ps|hs|chacha20|poly1305|blake2|luks|twofish|serpent|"
    r"camellia|secret|kms|vault|file|none)[a-z0-9]*(?:[-_:][a-z0-9]+){0,4}",
    re.IGNORECASE,
)


def key_parameter(name: str, text: str) -> bool:
    """Whether a stored secret's key ``name`` describes a key (its last word a parameter:
    :data:`_KEY_PARAMETER_WORDS`, after a word about keys: :data:`_KEY_SUBJECT_WORDS`) and
    ``text`` is such a parameter's value (a number, an algorithm's or provider's name): kept
    beside the key, it is no secret itself (Longhorn's ``CRYPTO_KEY_CIPHER:
    aes-xts-plain64`` was reported as a secret beside ``CRYPTO_KEY_VALUE``, which still
    FAILs)."""
    words = _words(name)
    if len(words) < 2 or words[-1] not in _KEY_PARAMETER_WORDS:
        return False
    if not set(words[:-1]) & _KEY_SUBJECT_WORDS:
        return False
    return _KEY_PARAMETER_VALUE.fullmatch(text.strip()) is not None


#: A direction word after a key's name (``username_in``, ``username_out``).
_DIRECTION_WORDS = frozenset({"in", "out"})
#: An e-mail address (a user name may be one: ``username: smtp@example.com``).
_EMAIL = re.compile(r"[^@\s:/]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
#: What a user name does not hold: a space or a ``:`` (``admin:S3cret``).
_NOT_A_NAME = re.compile(r"[\s:]")


def _unexplained(value: Any, name: str) -> bool:
    """Whether a JSON document (or a part under ``name``) holds a literal that is neither a
    setting nor a name (:func:`names_reference`, :func:`names_thing`), nor a user or the
    place a secret is used (:data:`_WHO_AND_WHERE`)."""
    if isinstance(value, dict):
        return any(_unexplained(item, str(key)) for key, item in value.items())
    if isinstance(value, list):
        return any(_unexplained(item, name) for item in value)
    if name.lower().replace("_", "").replace("-", "") in _WHO_AND_WHERE:
        return False
    return (
        isinstance(value, str) and _secret_text(value, True)
        and not names_reference(name, value) and not _names_thing_only(name, value)
        and not names_scope(name, value)
    )


#: An AWS account id (12 digits: "Viewing AWS account identifiers", AWS Account Management
#: reference) and an AWS Region code (``us-west-2``, ``ap-southeast-7``, ``us-gov-west-1``).
_ACCOUNT_ID = re.compile(r"\d{12}")
_REGION_CODE = re.compile(r"[a-z]{2}(?:-[a-z]+)+-\d{1,2}")


def names_scope(name: str, value: str) -> bool:
    """Whether a field of a secret's JSON document says which accounts or Regions something
    applies to: an account id under a name of accounts (``accounts``, ``account_id``), a
    Region code under a name of Regions. AWS SRA's Bedrock rule parameters
    ``SRA-BEDROCK-CHECK-KB-VECTOR-STORE-SECRET: '{"deploy": "true", "accounts":
    ["111122223333"], "regions": ["us-west-2"], "input_params": {}}'`` (a rule's scope, the
    secret checked by the rule) FAILed GDCC-SECRET-001 as a secret: account ids and Regions
    are no credentials. The name must say so: a 12-digit PIN or ``my-secret-1`` elsewhere is
    still a secret."""
    words = _words(name)
    if any(w.startswith("account") for w in words):
        return _ACCOUNT_ID.fullmatch(value) is not None
    if any(w.startswith("region") for w in words):
        return _REGION_CODE.fullmatch(value) is not None
    return False


#: A template action in a value (Helm's ``tpl``, Go templates, CloudFormation's
#: ``{{resolve:...}}``): filled in when the value is rendered.
_TEMPLATE_ACTION = re.compile(r"\{\{.*?\}\}", re.DOTALL)


#: Terraform's JSON encoding of a structural type (``["object", {"password": "string"}]``,
#: ``["list", "string"]``: ``terraform show -json``, a blueprint's ``metadata.yaml``
#: outputs), and a type constraint written as text (``object({ password = string })``).
_TYPE_KINDS = frozenset({"object", "list", "map", "set", "tuple"})
_TYPE_TEXT = re.compile(
    r"\s*(?:(?:object|map|list|set|tuple|optional)\s*\((?s:.*)\)|string|number|bool|any)\s*"
)
#: Names of a setting holding a type (a variable's ``type``, a blueprint's ``varType``).
_TYPE_NAMES = frozenset({"type", "vartype", "var_type", "value_type", "valuetype"})


def _type_constraint(name: str, value: Any) -> bool:
    """Whether ``value``, under a type's name, is a Terraform type (a JSON-encoded
    structural type or a type constraint's text): the names in it are attributes' names,
    ``password = string`` says what an input takes, not a password (Google blueprints'
    ``spec.interfaces`` FAILed)."""
    if name.lower() not in _TYPE_NAMES:
        return False
    if isinstance(value, list):
        return bool(value) and value[0] in _TYPE_KINDS
    return isinstance(value, str) and _TYPE_TEXT.fullmatch(value) is not None


def _secret_text(text: str, named: bool) -> bool:
    """Whether the string ``text`` is a literal secret (under a secret name, or shaped like
    one); certificates are public. A value under a secret's name with a template action in
    it (``concourse/{{.Team}}/{{.Secret}}``, a path template; it FAILed) is written in part:
    only a credential's shape in what is written counts, the action read as a reference. A
    :class:`Pointer` (another resource's name, ARN, URL read into the value) or a
    :class:`Composed` name (``"${aws_db_instance.db.identifier}-pw"``) is judged by its shape
    only: its name says nothing of it."""
    if type(text) is SecretBearing:
        return True  # rendered from a literal secret given to its template
    if named and type(text) in (Pointer, Composed):
        named = False
    if named and "{{" in text and _TEMPLATE_ACTION.search(text) is not None:
        shown = _TEMPLATE_ACTION.sub("${unknown}", text)
        return _has_secret_shape(shown) and not certificates_only(shown)
    if _LEADING_INTERPOLATION.match(text) is not None:
        return _written_after_interpolation(text, named)
    return (
        (named or _has_secret_shape(text)) and _literal(text) and not certificates_only(text)
    )


#: An interpolation a later step fills in: ``${VAR}`` (envsubst, a shell, ``Fn::Sub``),
#: ``{{ ... }}`` (Helm, Jinja, Go templates), ``%{ ... }``, ``$(VAR)`` (a Kubernetes
#: container's variable expansion, a command's output).
_INTERPOLATION = re.compile(r"\$\{[^{}]*\}|\{\{.*?\}\}|%\{[^{}]*\}|\$\([^()]*\)", re.DOTALL)
_LEADING_INTERPOLATION = re.compile(r"\s*(?:\$\{|\{\{|%\{|\$\()")


def _written_after_interpolation(text: str, named: bool) -> bool:
    """Whether a text starting with an interpolation (a reference, not a literal: ``${X}``
    alone is no secret) has a literal secret written around it: a credential's shape in
    the written parts, each interpolation read as a reference (``${PREFIX}AKIA...``,
    ``token=${A}ghp_...``, ``{{ .Values.x }}ghp_...``: they PASSed, only a text with no
    interpolation at its start was searched), or, under a secret's name, a piece that is no
    part of a name (``"${PREFIX}Xk9#mQ2vLp"``, as ``partly_written_secrets`` reads a
    Terraform string written in part). The interpolation itself is never the secret."""
    shown = _INTERPOLATION.sub("${unknown}", text)
    if shown == text:
        return False  # not closed: no interpolation (what it holds is not known)
    if _has_secret_shape(shown) and not certificates_only(shown):
        return True
    return named and any(
        _FRAGMENT.fullmatch(piece) is not None and not name_piece(piece) and _literal(piece)
        for piece in shown.split("${unknown}")
    )


#: A piece of a value written in part that could be a password on its own: no space, no
#: quote or bracket of a document (``{"username": "admin", "password": "${...}"}``).
_FRAGMENT = re.compile(r"[^\s{}\[\]\"'(),;=<>]{6,128}")


def _written_around(path: str, text: str, placeholder: str) -> bool:
    """Whether a secret-named value written in part (``"${var.prefix}Xk9#mQ2vLp"``) has a
    piece written around the unknown that is no part of a name (it PASSed: only shapes were
    searched): a literal secret around a reference."""
    name = next((k for k in reversed(path.split(".")) if not k.isdigit()), "")
    if not is_secret_name(name):
        return False
    return any(
        _FRAGMENT.fullmatch(piece) is not None and not name_piece(piece)
        for piece in text.split(placeholder)
    )


def partly_written_secrets(texts: Mapping[str, str], placeholder: str) -> tuple[str, ...]:
    """The paths of ``texts`` (strings written in part: a heredoc with a reference in it,
    each value not known written ``placeholder``) that hold a credential's shape in what is
    written (``mysql -pS3cret -h ${aws_db_instance.db.address}``), or, under a secret's
    name, a piece that is no part of a name (``password = "${var.prefix}Xk9#mQ2vLp"``:
    :func:`~gdcc_audit.secrets.pointer.name_piece`). Never the part not known: it is read
    as a reference (``${unknown}``), which no shape takes for a secret."""
    found = []
    for path, text in texts.items():
        shown = text.replace(placeholder, "${unknown}")
        if certificates_only(shown):
            continue
        if _has_secret_shape(shown) or _written_around(path, text, placeholder):
            found.append(path)
    return tuple(sorted(found))


def _program_words(items: list[Any] | tuple[Any, ...]) -> str:
    """The first words of a command written as a list that are no options (the program and
    its subcommand: ``docker login``), at most two, joined; empty when the first is an
    option or no plain word."""
    words = []
    for item in items[:2]:
        if not isinstance(item, str) or not item or item.startswith("-") or len(item) > 64 \
                or any(c.isspace() for c in item):
            break
        words.append(item)
    return " ".join(words)


def _option_secret(option: str, value: str, program: str) -> bool:
    """Whether ``option`` given ``value`` (after ``program``'s words, if any) has a secret's
    shape that the option alone (after them) has not."""
    before = f"{program} {option}" if program else option
    return _has_secret_shape(f"{before} {value}") and not _has_secret_shape(before)


def split_option_secrets(items: Any) -> list[int]:
    """Indexes of the items of a command written as a list (a container's ``args`` /
    ``command``) that are secrets given to the option before them (``["--password",
    "hunter2"]``, ``["--token", "abc..."]``): the option and its value are two items, so
    neither alone has a secret's shape. An option that takes a password only in some
    programs (``-p`` of ``mongosh``, ``-a`` of ``redis-cli``) is read after the program and
    its subcommand, the list's first words (``["docker", "login", "-u", "me", "-p", ...]``)."""
    if not isinstance(items, list | tuple) or len(items) < 2:
        return []
    found = []
    program = _program_words(items)
    for index in range(1, len(items)):
        option, value = items[index - 1], items[index]
        if (
            isinstance(option, str)
            and option.startswith("-")
            and isinstance(value, str)
            and not value.startswith("-")
            and _literal(value)
            and (_option_secret(option, value, "") or (
                bool(program) and index - 1 >= len(program.split())
                and _option_secret(option, value, program)
            ))
            and not (
                _DISCOVERY_OPTION.fullmatch(option) is not None
                and etcd_command([str(item) for item in items[: index - 1]])
            )
        ):
            found.append(index)
    return found


def secret_value(text: str) -> bool:
    """Whether a value kept as a secret (a Kubernetes Secret's key) is one: not an empty
    string, a placeholder (``${DB_PASSWORD}``, ``<password>``) or a certificate. A setting
    word (``default``, ``none``) counts here: kept in a Secret, it may be a weak password; a
    password hash (an htpasswd line, Argo CD's bcrypt ``admin.password``) or a reference to
    a store does not."""
    return (
        bool(text.strip())
        and not _EXPRESSION.match(text)
        and not certificates_only(text)
        and not reference_or_hash(text)
    )


def _path(path: str, keys: list[str]) -> str:
    """``path.key1.key2``; an empty path so far takes the next key alone (as ``a..b`` never
    shows an empty name at the start)."""
    for key in keys:
        path = f"{path}.{key}" if path else key
    return path


def detect_secrets(
    values: Any, path_prefix: str = "", sensitive: frozenset[str] = frozenset(),
    placeholders: list[str] | None = None,
) -> tuple[str, ...]:
    """Paths (``a.0.b``, prefixed with ``path_prefix``) of attributes holding literal secrets;
    ``sensitive``: argument names that hold secrets whatever they are called (a provider
    schema's sensitive arguments, ``models.secret_names.sensitive_arguments``);
    ``placeholders``: a list the paths of placeholders for third-party keys are added to
    (``HF_TOKEN: HF_TOKEN``: :func:`issued_key_placeholder`), which are no secrets.

    The result is sorted and has no duplicates; it never contains the secret values.
    """
    return tuple(sorted(set(_walk(values, path_prefix, False, sensitive, placeholders))))


def redact(values: Any) -> Any:
    """A copy of ``values`` with every secret-named attribute or secret-shaped string replaced
    by ``<redacted>`` (so raw attributes can be kept in reports without leaking credentials)."""
    return _redact(values, False)


def _redact(value: Any, named_secret: bool) -> Any:
    if isinstance(value, dict):
        redacted: dict[Any, Any] = {}
        pair = _secret_pair(value)
        for key, item in value.items():
            named = named_secret or is_secret_name(str(key))
            named = named or (pair and str(key).lower() in _PAIR_VALUES)
            fields = _json_template(str(key), item)
            if fields is not None:
                redacted[key] = REDACTED if any(_walk(fields, "", named)) else item
            else:
                redacted[key] = _redact(item, named)
        return redacted
    if isinstance(value, list | tuple):
        options = set(split_option_secrets(value))
        return [
            REDACTED if index in options else _redact(item, named_secret)
            for index, item in enumerate(value)
        ]
    if isinstance(value, str) and (
        named_secret or type(value) is SecretBearing or _has_secret_shape(value)
    ):
        return REDACTED
    return value


_BASE64 = re.compile(r"[A-Za-z0-9+/]+={0,2}")
#: The most user data text read out of a base64 gzip (AWS takes 16 KB of user data).
_MAX_DECODED = 2 * 1024 * 1024
#: What :func:`decoded_user_data` returns for a gzip that inflates past ``_MAX_DECODED``.
TOO_BIG = "\0too big"


def decoded_user_data(text: str) -> str | None:
    """The text base64 user data holds (Terraform ``user_data_base64``, a launch template's
    ``user_data``, Azure ``custom_data``, ``base64encode(...)``, ``base64gzip(...)``, a
    CloudFormation ``UserData`` written as a literal, which EC2 takes base64-encoded, a
    gzip-compressed cloud-init configuration): decoded, and decompressed when it is gzip;
    None when it is not base64 of UTF-8 text; :data:`TOO_BIG` past ``_MAX_DECODED``."""
    compact = text.strip()
    if len(compact) < 8 or len(compact) % 4 or not _BASE64.fullmatch(compact):
        return None
    try:
        data = base64.b64decode(compact, validate=True)
    except ValueError:
        return None
    if data[:2] == b"\x1f\x8b":
        inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            data = inflate.decompress(data, _MAX_DECODED + 1)
        except zlib.error:
            return None
        if len(data) > _MAX_DECODED:
            return TOO_BIG
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None
