"""Terraform functions the evaluator did not have gave UNKNOWN (``yamlencode`` of a
``kubectl_manifest``'s ``yaml_body``, ``cidrsubnets`` of a network's subnets, ``md5`` /
``uuidv5`` of names, ``indent`` of values...); ``title`` lowered the letters after the first.
Each is checked against the example of its page in the Terraform documentation
(developer.hashicorp.com/terraform/language/functions/NAME)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.terraform.test_evaluate import value

from gdcc_audit.api import audit
from gdcc_audit.load.terraform_model import UNKNOWN
from gdcc_audit.settings import Settings


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("log(50, 10)", 1.6989700043360185),
        ("log(16, 2)", 4),
        ("pow(3, 2)", 9),
        ("pow(4, 0)", 1),
        ('parseint("100", 10)', 100),
        ('parseint("FF", 16)', 255),
        ('parseint("-10", 16)', -16),
        ('parseint("1011111011101111", 2)', 48879),
        ('parseint("aA", 62)', 656),
        ('parseint("12", 2)', UNKNOWN),  # an error in Terraform: not a base 2 number
        ('parseint("0x10", 16)', UNKNOWN),  # no prefix with a base
        ('indent(2, "[\\n  foo,\\n  bar,\\n]\\n")', "[\n    foo,\n    bar,\n  ]\n  "),
        ('title("hello world")', "Hello World"),
        ('title("hELLO wORLD")', "HELLO WORLD"),  # was "Hello World"
        ('title("foo_bar-baz")', "Foo_bar-Baz"),
        ('urlencode("Hello World!")', "Hello+World%21"),
        ('urlencode("\u2603")', "%E2%98%83"),
        ('urlencode("foo:bar@localhost?foo=bar&bar=baz")',
         "foo%3Abar%40localhost%3Ffoo%3Dbar%26bar%3Dbaz"),
        ('csvdecode("a,b,c\\n1,2,3\\n4,5,6")',
         [{"a": "1", "b": "2", "c": "3"}, {"a": "4", "b": "5", "c": "6"}]),
        ('csvdecode("a,b\\n1,\\"2,3\\"\\n")', [{"a": "1", "b": "2,3"}]),
        ('csvdecode("a,b\\n1\\n")', UNKNOWN),  # a row with fewer fields: an error
        ('textencodebase64("Hello World", "UTF-16LE")', "SABlAGwAbABvACAAVwBvAHIAbABkAA=="),
        ('textdecodebase64("SABlAGwAbABvACAAVwBvAHIAbABkAA==", "UTF-16LE")', "Hello World"),
        ('textencodebase64("Hello World", "Shift_JIS")', UNKNOWN),  # not read here
        ('matchkeys(["i-123", "i-abc", "i-def"], ["us-west", "us-east", "us-east"], '
         '["us-east"])', ["i-abc", "i-def"]),
        ('md5("hello world")', "5eb63bbbe01eeed093cb22bb8f5acdc3"),
        ('sha1("hello world")', "2aae6c35c94fcfb415dbe95f408b9ce91ee846ed"),
        ('sha512("hello world")',
         "309ecc489c12d6eb4cc40f50c902f2b4d0ed77ee511a7c7a9bcd3ca86d4cd86f989dd35bc5ff4996"
         "70da34255b45b0cfd830e81f605dcf7dc5542e93ae9cd76f"),
        ('base64sha256("hello world")', "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek="),
        ('base64sha512("hello world")',
         "MJ7MSJwS1utMxA9QyQLytNDtd+5RGnx6m808qG1M2G+YndNbxf9JlnDaNCVbRbDP2DDoH2Bdz33FVC6TrpzXbw=="),
        ('uuidv5("dns", "www.terraform.io")', "a5008fae-b28c-5ba5-96cd-82b4c53552d6"),
        ('uuidv5("url", "https://www.terraform.io/")', "9db6f67c-dd95-5ea0-aa5b-e70e5c5f7cf5"),
        ('uuidv5("oid", "1.3.6.1.4")', "af9d40a5-7a36-5c07-b23a-851cd99fbfa5"),
        ('uuidv5("x500", "CN=Example,C=GB")', "84e09961-4aa4-57f8-95b7-03edb1073253"),
        ('uuidv5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.terraform.io")',
         "a5008fae-b28c-5ba5-96cd-82b4c53552d6"),
        ('cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)',
         ["10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24", "10.1.48.0/20"]),
        ('cidrsubnets("fd00:fd12:3456:7890::/56", 16, 16, 16, 32)',
         ["fd00:fd12:3456:7800::/72", "fd00:fd12:3456:7800:100::/72",
          "fd00:fd12:3456:7800:200::/72", "fd00:fd12:3456:7800:300::/88"]),
        ('cidrsubnets("10.0.0.0/30", 1, 1, 1)', UNKNOWN),  # no room for a third /31
        ('yamlencode({a = "b", c = "d"})', '"a": "b"\n"c": "d"\n'),
        ('yamlencode({foo = [1, 2, 3], bar = "baz"})', '"bar": "baz"\n"foo":\n- 1\n- 2\n- 3\n'),
        ('yamlencode({foo = [1, {a = "b", c = "d"}, 3], bar = "baz"})',
         '"bar": "baz"\n"foo":\n- 1\n- "a": "b"\n  "c": "d"\n- 3\n'),
        ('yamlencode("hello")', '"hello"\n'),
        ("yamlencode(true)", "true\n...\n"),
        ("yamlencode({})", "{}\n"),
        ("yamlencode([])", "[]\n"),
        ("yamlencode(local.x)", UNKNOWN),
    ],
)
def test_function_as_terraform_documents_it(source: str, expected: Any) -> None:
    assert value(source) == expected


def test_yamlencode_reads_back_as_the_value() -> None:
    source = ('{a = {b = [[1, 2], [], [{c = "d"}]], e = {}}, f = null, g = "x\\ny: z\\u2028w", '
              'h = [{i = {j = 1.5}, k = true}], "l m" = "#n"}')
    text = value(f"yamlencode({source})")
    assert yaml.safe_load(text) == value(source)
    assert text.startswith('"a":\n  "b":\n  - - 1\n    - 2\n  - []\n  - - "c": "d"\n  "e": {}\n')


MANIFESTS = (
    "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\n\n---\napiVersion: v1\n"
    'kind: ConfigMap\nmetadata:\n  name: b\ndata:\n  k: "1"\n'
)


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        ("manifest_decode_multi", [
            {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a"}},
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "b"},
             "data": {"k": "1"}},
        ]),
        ("manifest_decode", UNKNOWN),  # two resources: an error in the provider
    ],
)
def test_kubernetes_provider_manifest_functions(call: str, expected: Any) -> None:
    """The Kubernetes provider's functions (terraform-provider-kubernetes docs/functions),
    used to apply manifests written in YAML (``kubectl_manifest`` ``for_each``)."""
    text = json.dumps(MANIFESTS)
    assert value(f"provider::kubernetes::{call}({text})") == expected
    single = json.dumps(MANIFESTS.split("---", maxsplit=1)[0])
    assert value(f"provider::kubernetes::manifest_decode({single})") == {
        "apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a"}}
    assert value('provider::kubernetes::manifest_decode("kind: Pod")') == UNKNOWN  # no apiVersion


def test_a_kubectl_manifest_written_with_yamlencode_is_judged(tmp_path: Path) -> None:
    """``yaml_body = yamlencode({...})`` was UNKNOWN, so the manifest was listed as not
    judged and its privileged container was seen by no rule."""
    (tmp_path / "main.tf").write_text("""\
resource "kubectl_manifest" "pod" {
  yaml_body = yamlencode({
    apiVersion = "v1"
    kind       = "Pod"
    metadata   = { name = "p", namespace = "default" }
    spec = {
      containers = [{ name = "c", image = "nginx:1.25", securityContext = { privileged = true } }]
    }
  })
}
""")
    result = audit([tmp_path], Settings(rule_ids=["GDCC-K8S-001", "GDCC-K8S-010"]))
    found = {f.rule_id: (f.status.value, f.message.en) for f in result.findings}
    assert found == {
        "GDCC-K8S-001": ("FAIL", "a container runs privileged (containers: c)"),
        "GDCC-K8S-010": ("PASS", "Pods mount no host paths"),
    }
    assert "kubectl_manifest" not in result.not_judged
