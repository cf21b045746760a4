"""Files met in a crash / error sweep of public repositories (stop 32) that were *not assessed*
or *partially assessed* (exit code 2) though they are not configuration, or were configuration
read badly. Files that are not configuration are *not recognised* with the reason; broken
configuration stays an error with its line."""

from __future__ import annotations

import codecs
import json
import os
import time
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.load.discover import (
    GO_FUZZ_REASON,
    PLACEHOLDER_REASON,
    TERRAFORM_TEMPLATE_REASON,
    TERRAGRUNT_REASON,
    blank_template_comments,
)
from gdcc_audit.models.result import InputStatus
from gdcc_audit.settings import Settings

#: Helm values rendered by Terraform's templatefile (awslabs/data-on-eks helm-values).
TF_DIRECTIVE = """\
serviceAccount:
  create: true
  annotations:
    eks.amazonaws.com/role-arn: ${fluent_bit_irsa_arn}
%{ if enable_ipv6 ~}
service:
  extraService: ipv6
%{ endif ~}
"""

TF_EXPRESSION = """\
controller:
  service:
    ipFamilies:
      - ${enable_ipv6 ? "IPv6" : "IPv4"}
    annotations:
      x: y
"""

#: A SAM template of a cookiecutter project (aws/aws-sam-cli-app-templates).
COOKIECUTTER = """\
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Timeout: 3
    MemorySize: {{ cookiecutter.options[cookiecutter.runtime].memory_size }}
"""

#: Helm values with sed-style tokens (openstack-helm values_overrides/*/netpol.yaml).
PERCENT_TOKEN = """\
network_policy:
  barbican:
    egress:
      - to:
        - ipBlock:
            cidr: %%%REPLACE_API_ADDR%%%/32
"""

#: An Ansible template of a JSON file (openstack-helm playbooks/.../daemon.json).
JINJA_JSON = """\
{
    "data-root": "{{ docker.root_path }}",
{% if registry_mirror is defined %}
    "registry-mirrors": ["{{ registry_mirror }}"],
{% endif %}
    "live-restore": true
}
"""

#: A chart file whose only template markup is a comment (openstack-helm ovn templates).
COMMENTED = """\
{{/*
Licensed under the Apache License, Version 2.0 (the "License");
*/}}

---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: ovn-controller
rules:
- apiGroups: [""]
  resources: [nodes]
  verbs: [get, patch, list]
"""

BROKEN_WITH_VARIABLE = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${NAME}
data: {a: b
"""


def _inputs(tmp_path: Path) -> dict[str, tuple[InputStatus, str | None]]:
    result = audit([tmp_path])
    return {os.path.relpath(i.path, tmp_path): (i.status, i.error) for i in result.inputs}


def test_templates_of_other_tools_are_not_recognised_with_the_reason(tmp_path: Path) -> None:
    """Each was *not assessed*, "invalid YAML" / "invalid JSON", exit code 2."""
    for name, text in {
        "fluentbit.yaml": TF_DIRECTIVE,
        "nginx.yaml": TF_EXPRESSION,
        "template.yaml": COOKIECUTTER,
        "netpol.yaml": PERCENT_TOKEN,
        "daemon.json": JINJA_JSON,
        "broken.yaml": BROKEN_WITH_VARIABLE,
    }.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    found = _inputs(tmp_path)
    assert found["fluentbit.yaml"] == (InputStatus.NOT_RECOGNISED, TERRAFORM_TEMPLATE_REASON)
    assert found["nginx.yaml"] == (InputStatus.NOT_RECOGNISED, TERRAFORM_TEMPLATE_REASON)
    assert found["template.yaml"] == (InputStatus.NOT_RECOGNISED, PLACEHOLDER_REASON)
    assert found["netpol.yaml"] == (InputStatus.NOT_RECOGNISED, PLACEHOLDER_REASON)
    assert found["daemon.json"] == (InputStatus.NOT_RECOGNISED, PLACEHOLDER_REASON)
    # a plain ${NAME} is no Terraform template, and the error is not at it: broken input
    status, error = found["broken.yaml"]
    assert status is InputStatus.NOT_ASSESSED
    assert error is not None
    assert error.startswith("invalid YAML")


def test_a_template_comment_alone_is_discarded_as_helm_does(tmp_path: Path) -> None:
    """The comment read as a mapping used as a key: the file was *partially assessed*."""
    (tmp_path / "clusterrole-controller.yaml").write_text(COMMENTED, encoding="utf-8")
    result = audit([tmp_path])
    assert [(i.status, i.error) for i in result.inputs] == [(InputStatus.ASSESSED, None)]
    assert [r.address for r in result.resources] == ["ClusterRole/ovn-controller"]
    [resource] = result.resources
    assert resource.line == 6


def test_broken_links_lose_configuration_only_when_named_as_configuration(
    tmp_path: Path,
) -> None:
    """A broken link was *not assessed* whatever its name (openstack heat-templates links to
    scripts of another repository: exit code 2). One named as no loader's file is passed over
    as the file itself would be; one named as configuration stays an error."""
    (tmp_path / "55-heat-config").symlink_to("../missing/55-heat-config")
    (tmp_path / "040-mariadb.sh").symlink_to("../missing/040-mariadb.sh")
    (tmp_path / "main.tf").symlink_to("../missing/main.tf")
    (tmp_path / "values.yaml").symlink_to("missing.yaml")
    found = _inputs(tmp_path)
    assert found == {
        "main.tf": (InputStatus.NOT_ASSESSED, "broken symbolic link (to ../missing/main.tf)"),
        "values.yaml": (InputStatus.NOT_ASSESSED, "broken symbolic link (to missing.yaml)"),
    }


def test_terragrunt_units_are_listed_as_not_read(tmp_path: Path) -> None:
    """A Terragrunt tree gave an empty report (no file listed at all) and exit code 0."""
    unit = tmp_path / "prod" / "mysql"
    unit.mkdir(parents=True)
    (unit / "terragrunt.hcl").write_text(
        'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}\n', encoding="utf-8"
    )
    (tmp_path / "root.hcl").write_text('locals {\n  region = "ap-southeast-7"\n}\n')
    found = _inputs(tmp_path)
    assert found == {
        os.path.join("prod", "mysql", "terragrunt.hcl"): (
            InputStatus.NOT_RECOGNISED,
            TERRAGRUNT_REASON,
        )
    }


PLAN = {
    "format_version": "1.2",
    "terraform_version": "1.9.0",
    "planned_values": {
        "root_module": {
            "resources": [
                {
                    "address": "aws_security_group.ssh",
                    "mode": "managed",
                    "type": "aws_security_group",
                    "name": "ssh",
                    "provider_name": "registry.terraform.io/hashicorp/aws",
                    "values": {
                        "name": "ssh",
                        "ingress": [
                            {
                                "from_port": 22,
                                "to_port": 22,
                                "protocol": "tcp",
                                "cidr_blocks": ["0.0.0.0/0"],
                                "ipv6_cidr_blocks": [],
                                "security_groups": [],
                                "self": False,
                            }
                        ],
                    },
                }
            ]
        }
    },
}


def test_utf16_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    """``terraform show -json plan > plan.json`` in Windows PowerShell 5 writes UTF-16 with a
    byte order mark: "file is not valid UTF-8 (byte 0xff)", *not assessed*. YAML processors
    must read UTF-16 told by its mark (YAML 1.2, 5.2); so do gdcc-audit's, for YAML and JSON."""
    text = json.dumps(PLAN, indent=2).replace("\n", "\r\n")
    (tmp_path / "plan.json").write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    (tmp_path / "ns.yaml").write_bytes(
        codecs.BOM_UTF16_BE + "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n"
        .encode("utf-16-be")
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    assert sorted((Path(i.path).name, i.status, i.format) for i in result.inputs) == [
        ("ns.yaml", InputStatus.ASSESSED, "kubernetes"),
        ("plan.json", InputStatus.ASSESSED, "terraform"),
    ]
    [finding] = result.findings
    assert (finding.address, finding.status.value) == ("aws_security_group.ssh", "FAIL")


def test_go_fuzz_corpus_entries_are_not_configuration(tmp_path: Path) -> None:
    """hashicorp/hcl's ``testdata/fuzz/FuzzParse/*.json`` are Go fuzz corpus entries named
    as JSON: *not assessed*, "invalid JSON", exit code 2."""
    corpus = tmp_path / "testdata" / "fuzz" / "FuzzParse"
    corpus.mkdir(parents=True)
    (corpus / "attr-expr.hcl.json").write_text(
        'go test fuzz v1\n[]byte("{\\n    \\"foo\\": \\"${upper(bar)}\\"\\n}\\n")\n',
        encoding="utf-8",
    )
    found = _inputs(tmp_path)
    assert found == {
        os.path.join("testdata", "fuzz", "FuzzParse", "attr-expr.hcl.json"): (
            InputStatus.NOT_RECOGNISED,
            GO_FUZZ_REASON,
        )
    }


def test_template_comments_are_blanked_in_linear_time() -> None:
    """One regular expression with a lazy ``.*?`` took minutes on 20,000 lines of
    ``{{/* x */}} y`` (each comment's search ran to the end of the file); a comment ends at
    its first ``*/``, and one sharing a line with other text is left as it is."""
    assert blank_template_comments("{{/* a */}} key: value\nname: x\n{{/* b */}}\n") == (
        "{{/* a */}} key: value\nname: x\n           \n"
    )
    assert blank_template_comments("  {{- /* x\ny */ -}}  \nb: 2\n") == (
        "          \n          \nb: 2\n"
    )
    for text in (
        "{{/* x */}} y\n" * 200_000,
        "{{/*\n" * 500_000 + "*/x",
        "{{/* x */}}\n" * 200_000,
    ):
        started = time.process_time()
        blanked = blank_template_comments(text)
        assert time.process_time() - started < 5
        assert len(blanked) == len(text)


def test_placeholder_patterns_run_in_linear_time(tmp_path: Path) -> None:
    """``%%+NAME%%+`` took 8 s on 20,000 ``%`` and ``${[^}]{0,200}[?(][^}]{0,200}}`` 3 s on
    800 kB of ``${((((``: quadratic searches over a file that does not parse."""
    for name, text in (
        ("percent.yaml", "a: [" + "%" * 200_000 + "\n"),
        ("dollar.yaml", "a: [\n" + ("- ${" + "(" * 398 + "\n") * 5_000),
    ):
        (tmp_path / name).write_text(text, encoding="utf-8")
    started = time.process_time()
    found = _inputs(tmp_path)
    assert time.process_time() - started < 10
    assert {name: status for name, (status, _) in found.items()} == {
        "dollar.yaml": InputStatus.NOT_ASSESSED,
        "percent.yaml": InputStatus.NOT_ASSESSED,
    }


SPARK = """\
apiVersion: "sparkoperator.k8s.io/v1beta2"
kind: SparkApplication
metadata: {name: taxi-trip}
spec: {type: Python, mode: cluster}
---
apiVersion: karpenter.sh/v1
kind: NodePool
metadata: {name: default}
"""


def test_files_of_kinds_no_rule_reads_say_so(tmp_path: Path) -> None:
    """A file holding only custom resources (data-on-eks SparkApplications, Karpenter
    NodePools) or a kustomization without generators was *not recognised* without a word."""
    (tmp_path / "spark.yaml").write_text(SPARK, encoding="utf-8")
    (tmp_path / "kustomization.yaml").write_text(
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
        "resources: [spark.yaml]\n",
        encoding="utf-8",
    )
    (tmp_path / "settings.yaml").write_text("replicas: 2\n", encoding="utf-8")
    # a Helm values file is read for secrets (since stop 35)
    (tmp_path / "values.yaml").write_text("replicas: 2\n", encoding="utf-8")
    found = _inputs(tmp_path)
    assert found["spark.yaml"] == (
        InputStatus.NOT_RECOGNISED,
        "Kubernetes objects of kinds no rule reads (SparkApplication "
        "(sparkoperator.k8s.io/v1beta2), NodePool (karpenter.sh/v1)): not judged",
    )
    assert found["kustomization.yaml"] == (
        InputStatus.NOT_RECOGNISED,
        "kustomization: it changes nothing its files write, so it builds their objects as "
        "written; those files are read on their own",
    )
    assert found["settings.yaml"] == (InputStatus.NOT_RECOGNISED, None)
    assert found["values.yaml"] == (InputStatus.ASSESSED, None)


def test_a_kustomization_building_nothing_of_its_own_says_what_is_not_read(
    tmp_path: Path,
) -> None:
    """Since stop 52 every kustomization that changes or places objects is built, so one left
    *not recognised* builds its files as written: it said "to audit the objects it makes,
    render it first (kustomize build)" for a plain list of resources too. Now only what is
    not read (a remote base, Helm charts) is to be rendered; a Component is judged where it
    is included."""
    head = "apiVersion: kustomize.config.k8s.io/v1beta1\n"
    for folder, body in {
        "remote": "kind: Kustomization\nresources:\n- sa.yaml\n"
                  "- https://github.com/org/app//config/default?ref=v1.2.0\n",
        "charts": "kind: Kustomization\nresources: [sa.yaml]\n"
                  "helmCharts:\n- {name: redis, repo: https://charts.example.org}\n",
        "component": "kind: Component\nresources: [sa.yaml]\n",
    }.items():
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "sa.yaml").write_text(
            "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app}\n", encoding="utf-8"
        )
        (tmp_path / folder / "kustomization.yaml").write_text(head + body, encoding="utf-8")
    found = _inputs(tmp_path)
    assert found["remote/kustomization.yaml"] == (
        InputStatus.NOT_RECOGNISED,
        "kustomization: the files it names are read on their own, as written; to audit what "
        "it makes of https://github.com/org/app//config/default?ref=v1.2.0 (not read by "
        "gdcc-audit), render it first (kustomize build)",
    )
    assert found["charts/kustomization.yaml"] == (
        InputStatus.NOT_RECOGNISED,
        "kustomization: the files it names are read on their own, as written; to audit what "
        "it makes of helmCharts (not read by gdcc-audit), render it first (kustomize build)",
    )
    assert found["component/kustomization.yaml"] == (
        InputStatus.NOT_RECOGNISED,
        "kustomize Component: judged where a kustomization of the scan that includes it is "
        "built",
    )
    assert found["remote/sa.yaml"] == (InputStatus.ASSESSED, None)
