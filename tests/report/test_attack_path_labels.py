"""The internet's node of an attack-path figure was labelled ``internet`` twice (its label and,
under it, its kind) in the Thai report as in the English one (the quick start's GDCC-GRAPH-001
figure). It is now labelled in the report's language, once."""

from __future__ import annotations

import re

import pytest
from report_factory import build

from gdcc_audit.report.attack_paths import attack_path
from gdcc_audit.report.templating import render_html

HOPS = {
    "path": "internet → hie-lb:443 → hie-db:5432",
    "path_hops": [
        {"certain": True, "kind": "internet", "label": "internet", "node": "internet",
         "ports": None, "via": None},
        {"certain": True, "kind": "network.load_balancer", "label": "hie-lb",
         "node": "t/s/gdcc_network_load_balancer.hie-lb", "ports": "443", "via": "public"},
        {"certain": True, "kind": "database.instance", "label": "hie-db",
         "node": "t/s/gdcc_database_instance.hie-db", "ports": "5432", "via": "sg"},
    ],
}


def test_the_internet_node_is_named_in_the_report_language() -> None:
    view = attack_path(HOPS, "อินเทอร์เน็ต")
    assert view is not None
    first, second, _ = view.nodes
    assert (first.label, first.kind, first.shape) == ("อินเทอร์เน็ต", "", "cloud")
    assert (second.label, second.kind) == ("hie-lb", "network.load_balancer")
    # a node that only calls itself 'internet' (a resource of that name) keeps its name
    named = {**HOPS["path_hops"][1], "label": "internet"}  # type: ignore[dict-item]
    other = attack_path({"path_hops": [HOPS["path_hops"][0], named]}, "อินเทอร์เน็ต")
    assert other is not None
    assert other.nodes[1].label == "internet"


@pytest.mark.parametrize(("lang", "word"), [("th", "อินเทอร์เน็ต"), ("en", "Internet")])
def test_the_figure_names_the_internet_once(lang: str, word: str) -> None:
    result = build(1)
    failing = next(f for f in result.findings if f.status.value == "FAIL")
    failing = failing.model_copy(update={"evidence": {**failing.evidence, **HOPS}})
    result = result.model_copy(update={"findings": (failing,)})
    assert failing.status.value == "FAIL"
    html = render_html(result, lang, media="print")
    labels = re.findall(
        r'<div class="ap-label">(.*?)</div>\s*<div class="ap-kind">(.*?)</div>', html
    )
    assert labels[0] == (word, "")
    assert labels[1] == ("hie-lb", "network.load_balancer")
