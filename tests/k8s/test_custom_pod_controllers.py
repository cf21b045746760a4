"""A role that creates Argo Workflows (or CronWorkflows, Tekton TaskRuns / PipelineRuns) runs
pods as any service account of its namespace: the controller makes the pods the object
describes, as the service account it names ("Argo Workflows is a Pod controller. In the same
way that a Kubernetes Deployment or Job can create arbitrary Pods, Argo Workflows can create
arbitrary Pods"). argoproj/argo-workflows' quick-start binds such a Role (create on
``argoproj.io`` workflows) to the ``default`` service account: GDCC-GRAPH-011 PASSed "not
bound to a powerful role", though the same account bound to create on pods FAILed."""

from __future__ import annotations

from pathlib import Path

import yaml

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.normalize.kubernetes.mapper import role_facets
from gdcc_audit.settings import Settings

ROLES = {
    "workflow-submitter": "[{apiGroups: [argoproj.io], resources: [workflows], "
    "verbs: [create, get]}]",
    "cron-editor": "[{apiGroups: [argoproj.io], resources: [cronworkflows], verbs: [patch]}]",
    "pipeline-runner": "[{apiGroups: [tekton.dev], resources: [pipelineruns], "
    "verbs: [create]}]",
    # reading workflows runs nothing; a group of another controller's "workflows" is not
    # Argo's; a create limited by resourceNames creates nothing
    "workflow-reader": "[{apiGroups: [argoproj.io], resources: [workflows], "
    "verbs: [get, list, watch]}]",
    "other-workflows": "[{apiGroups: [example.com], resources: [workflows], "
    "verbs: [create]}]",
    "named-workflow": "[{apiGroups: [argoproj.io], resources: [workflows], "
    "resourceNames: [nightly], verbs: [create]}]",
}


def _manifest() -> str:
    docs = []
    for name, rules in ROLES.items():
        docs.append(
            f"apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\n"
            f"metadata: {{name: {name}, namespace: ci}}\nrules: {rules}\n"
        )
        docs.append(
            f"apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\n"
            f"metadata: {{name: {name}-default, namespace: ci}}\n"
            f"roleRef: {{apiGroup: rbac.authorization.k8s.io, kind: Role, name: {name}}}\n"
            f"subjects: [{{kind: ServiceAccount, name: default, namespace: ci}}]\n"
        )
    return "---\n".join(docs)


def test_a_default_account_that_creates_workflows_runs_pods(tmp_path: Path) -> None:
    (tmp_path / "rbac.yaml").write_text(_manifest(), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-011",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    prefix = "the default service account is bound to the powerful role"
    runs = "it can run pods as any service account of its namespace"
    not_powerful = (Status.PASS, "The default service account is not bound to a powerful role")
    assert found == {
        "RoleBinding/ci/workflow-submitter-default": (
            Status.FAIL, f"{prefix} workflow-submitter: {runs}"
        ),
        "RoleBinding/ci/cron-editor-default": (Status.FAIL, f"{prefix} cron-editor: {runs}"),
        "RoleBinding/ci/pipeline-runner-default": (
            Status.FAIL, f"{prefix} pipeline-runner: {runs}"
        ),
        "RoleBinding/ci/workflow-reader-default": not_powerful,
        "RoleBinding/ci/other-workflows-default": not_powerful,
        "RoleBinding/ci/named-workflow-default": not_powerful,
    }


def test_the_role_says_it_runs_pods() -> None:
    """The facet itself (GRAPH-006 follows it too: the accounts such a role acts as)."""
    runs = {
        name: role_facets(yaml.safe_load(f"kind: Role\nrules: {rules}\n"))["runs_workloads"]
        for name, rules in ROLES.items()
    }
    assert runs == {
        "workflow-submitter": True, "cron-editor": True, "pipeline-runner": True,
        "workflow-reader": False, "other-workflows": False, "named-workflow": False,
    }
