"""A CronJob's pod (``spec.jobTemplate.spec.template``) is read as a Job's is: its images
made a Job running ``postgres:15`` a data store (GDCC-GRAPH-001 / -004 / -005 / -010) while
the same pod in a CronJob was "not a data store" (NOT_APPLICABLE): graph/kube.py read
``spec.template`` or the Pod's ``spec`` only. Now the two give the same verdicts, and a
CronJob running an image named like a database is "may be a data store" (UNKNOWN) too."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

POD = """\
    metadata: {{labels: {{app: {name}}}}}
    spec:
      restartPolicy: OnFailure
      containers:
        - name: db
          image: {image}
"""
JOB = """\
apiVersion: batch/v1
kind: Job
metadata: {{name: {name}, namespace: shop}}
spec:
  template:
""" + POD
CRONJOB = """\
apiVersion: batch/v1
kind: CronJob
metadata: {{name: {name}, namespace: shop}}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
""" + "".join(f"    {line}\n" for line in POD.splitlines())
RULES = ("GDCC-GRAPH-001", "GDCC-GRAPH-004", "GDCC-GRAPH-005", "GDCC-GRAPH-010")


def _verdicts(tmp_path: Path, image: str) -> dict[tuple[str, str], tuple[Status, str]]:
    text = JOB.format(name="etl-loader", image=image) + "---\n" + CRONJOB.format(
        name="nightly", image=image
    )
    (tmp_path / "jobs.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=RULES))
    return {(f.rule_id, f.address or ""): (f.status, f.message.en) for f in result.findings}


@pytest.mark.parametrize("image", ["postgres:15", "acme/orders-db:1.2"])
def test_a_cronjob_pod_is_read_as_a_job_pod(tmp_path: Path, image: str) -> None:
    found = _verdicts(tmp_path, image)
    for rule in RULES:
        job = found[(rule, "Job/shop/etl-loader")]
        cron = found[(rule, "CronJob/shop/nightly")]
        assert cron[0] == job[0], rule
        assert cron[1] == job[1].replace("etl-loader", "nightly"), rule
    if image == "postgres:15":
        assert found[("GDCC-GRAPH-010", "CronJob/shop/nightly")][0] is Status.FAIL
        assert found[("GDCC-GRAPH-004", "CronJob/shop/nightly")] == (
            Status.FAIL,
            "the data tier is not segmented from the web tier: it admits any pod of the "
            "cluster on port(s) 5432",
        )
    else:
        assert found[("GDCC-GRAPH-010", "CronJob/shop/nightly")][0] is Status.UNKNOWN
        assert "may be a data store" in found[("GDCC-GRAPH-010", "CronJob/shop/nightly")][1]


def test_a_cronjob_running_an_application_is_no_store(tmp_path: Path) -> None:
    found = _verdicts(tmp_path, "acme/report-mailer:2.0")
    for rule in RULES:
        assert found[(rule, "CronJob/shop/nightly")][0] is Status.NOT_APPLICABLE, rule
