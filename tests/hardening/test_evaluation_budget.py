"""Evaluator bombs: values that grow faster than their source (Terraform expressions,
CloudFormation and Heat string functions) are bounded, reported with their file and line, and
made UNKNOWN (never PASS); regexes run on RE2 (no backtracking)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from gdcc_audit import audit
from gdcc_audit.load.terraform import budget
from gdcc_audit.load.terraform.evaluate import Context, evaluate_or_unknown
from gdcc_audit.load.terraform.parse import parse_hcl
from gdcc_audit.load.terraform.types import ConstantScope
from gdcc_audit.load.terraform_model import UNKNOWN
from gdcc_audit.models.result import AuditResult, InputStatus
from gdcc_audit.settings import Settings

RULE = "GDCC-DATA-001"  # a public S3 ACL: decided from `acl`


@pytest.fixture
def small_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """Caps a hundred times smaller, so that each bomb trips them in milliseconds."""
    monkeypatch.setattr(budget, "MAX_VALUE_UNITS", 10_000)
    monkeypatch.setattr(budget, "MAX_TOTAL_UNITS", 100_000)


def _scan(tmp_path: Path, text: str, settings: Settings, tfvars: str = "") -> AuditResult:
    (tmp_path / "main.tf").write_text(text)
    if tfvars:
        (tmp_path / "terraform.tfvars").write_text(tfvars)
    return audit([tmp_path], settings.model_copy(update={"rule_ids": (RULE,)}))


def _bucket(acl: str, before: str = "") -> str:
    return f'{before}resource "aws_s3_bucket" "b" {{\n  bucket = "b"\n  acl    = {acl}\n}}\n'


def _verdict(result: AuditResult) -> str:
    (finding,) = [f for f in result.findings if f.address == "aws_s3_bucket.b"]
    return str(finding.status.value)


def _problems(result: AuditResult) -> list[tuple[str, str, int | None, str]]:
    return [
        (Path(i.path).name, i.status.value, i.line, i.error or "")
        for i in result.inputs
        if i.status != InputStatus.ASSESSED
    ]


def _doubling(steps: int) -> str:
    lines = ['  s0 = "private"'] + [
        f'  s{i} = "${{local.s{i - 1}}}${{local.s{i - 1}}}"' for i in range(1, steps + 1)
    ]
    return "locals {\n" + "\n".join(lines) + "\n}\n"


@pytest.mark.usefixtures("small_budget")
def test_string_doubling_through_locals_is_unknown_with_its_line(
    tmp_path: Path, settings: Settings
) -> None:
    # s_i holds 7 * 2**i characters: s11 (line 13) is the first over 10,000. Terraform would
    # give acl = "private" (PASS); gdcc-audit cannot build the value, so UNKNOWN, never PASS.
    result = _scan(tmp_path, _doubling(40) + _bucket("substr(local.s40, 0, 7)"), settings)
    assert _problems(result) == [
        (
            "main.tf",
            "partially_assessed",
            13,
            "evaluation budget exceeded: a value of 14,336 units (characters, list or map "
            "elements) would be built, over the cap of 10,000; this value is unknown (not "
            "assessed), and so is every value computed from it",
        )
    ]
    assert _verdict(result) == "UNKNOWN"


@pytest.mark.usefixtures("small_budget")
def test_a_value_lost_in_module_instances_names_them(tmp_path: Path, settings: Settings) -> None:
    """The message named the module's file and line only: with a module called for each of
    nine management groups (Azure CAF enterprise-scale's archetypes), which groups lost
    their values was not said. Two instances are named, the others counted."""
    module = tmp_path / "archetype"
    module.mkdir()
    (module / "main.tf").write_text(
        'variable "seed" {}\n' + _doubling(40).replace('"private"', "var.seed")
        + _bucket("substr(local.s40, 0, 7)")
    )
    (tmp_path / "main.tf").write_text(
        'module "archetype" {\n  source   = "./archetype"\n  for_each = toset(["a", "b", '
        '"c"])\n  seed     = "private"\n}\n'
    )
    result = audit([tmp_path], settings.model_copy(update={"rule_ids": (RULE,)}))
    ((name, status, line, error),) = _problems(result)
    assert (name, status, line) == ("main.tf", "partially_assessed", 14)
    assert error == (
        "evaluation budget exceeded: a value of 14,336 units (characters, list or map "
        'elements) would be built, over the cap of 10,000; this value is unknown (not '
        'assessed) in module.archetype["a"], module.archetype["b"] and 1 more module '
        "instances, and so is every value computed from it"
    )


@pytest.mark.usefixtures("small_budget")
def test_a_short_chain_under_the_cap_is_evaluated(tmp_path: Path, settings: Settings) -> None:
    result = _scan(tmp_path, _doubling(10) + _bucket("substr(local.s10, 0, 7)"), settings)
    assert _problems(result) == []
    assert _verdict(result) == "PASS"
    public = _scan(tmp_path, _doubling(3) + _bucket('"public-read${substr(local.s3, 0, 0)}"'),
                   settings)
    assert _verdict(public) == "FAIL"  # decided, not unknown


@pytest.mark.usefixtures("small_budget")
def test_list_doubling_is_cut_where_it_passes_the_cap(tmp_path: Path, settings: Settings) -> None:
    # l_i = [l_(i-1), l_(i-1)] shares its parts, but is counted as rendered: 3 * 2**i - 1
    # units; l12 (line 14) is the first over 10,000, and jsonencode never sees 2**60 items.
    lines = ['  l0 = ["x"]'] + [f"  l{i} = [local.l{i - 1}, local.l{i - 1}]" for i in range(1, 61)]
    text = "locals {\n" + "\n".join(lines) + "\n}\n"
    started = time.process_time()
    result = _scan(tmp_path, text + _bucket('length(jsonencode(local.l60)) > 0 ? "private" : "x"'),
                   settings)
    assert time.process_time() - started < 10
    ((name, status, line, error),) = _problems(result)
    assert (name, status, line) == ("main.tf", "partially_assessed", 14)
    assert error.startswith("evaluation budget exceeded: a value over the cap of 10,000 units")
    assert _verdict(result) == "UNKNOWN"


@pytest.mark.usefixtures("small_budget")
@pytest.mark.parametrize(
    ("acl", "reason"),
    [
        (
            'length(setproduct(local.r, local.r, local.r)) > 0 ? "private" : "x"',
            "setproduct() would build 4,000,000 units, over the cap of 10,000",
        ),
        (
            'length(format("%999999999d", 1)) > 0 ? "private" : "x"',
            "format() would build 999,999,999 units, over the cap of 10,000",
        ),
        (
            'length(replace(join("", range(1000)), "1", join("", range(1000)))) > 0 ? "private"'
            ' : "x"',
            "replace() would build 869,590 units, over the cap of 10,000",
        ),
        (
            'length(join(join("", local.r), local.r)) > 0 ? "private" : "x"',
            "join() would build 19,000 units, over the cap of 10,000",
        ),
        (
            'length([for a in local.r : [for b in local.r : [for c in local.r : c if c < 0]]])'
            ' > 0 ? "private" : "x"',
            "the evaluation budget of 100,000 units per root module was spent",
        ),
    ],
    ids=["setproduct", "format-width", "replace", "join", "nested-for"],
)
def test_function_and_loop_bombs_are_refused(
    tmp_path: Path, settings: Settings, acl: str, reason: str
) -> None:
    text = _bucket(acl, before="locals {\n  r = range(100)\n}\n")
    result = _scan(tmp_path, text, settings)
    ((name, status, line, error),) = _problems(result)
    assert (name, status, line) == ("main.tf", "partially_assessed", 6)
    assert reason in error
    assert _verdict(result) == "UNKNOWN"


@pytest.mark.usefixtures("small_budget")
def test_a_bomb_in_tfvars_is_reported_in_that_file(tmp_path: Path, settings: Settings) -> None:
    tfvars = 'acl = "private"\nbig = join("", [for i in range(100) : join("", range(100))])\n'
    text = 'variable "acl" {}\nvariable "big" {}\n' + _bucket("var.acl")
    result = _scan(tmp_path, text, settings, tfvars)
    ((name, status, line, error),) = _problems(result)
    assert (name, status, line) == ("terraform.tfvars", "partially_assessed", 2)
    assert "over the cap of 10,000" in error
    assert _verdict(result) == "PASS"  # the other variable is still read


def value(source: str) -> Any:
    parsed = parse_hcl("t.tf", f"x = {source}\n".encode())
    assert parsed.issues == []
    return evaluate_or_unknown(parsed.body.attributes["x"].expr, Context(ConstantScope()))


def test_a_catastrophic_pattern_runs_in_linear_time() -> None:
    # Python's backtracking `re` needs ~2**40 steps for this; RE2 answers at once.
    started = time.perf_counter()
    assert value('try(regex("^(a+)+$", "' + "a" * 40 + '!"), "no match")') == "no match"
    assert value('regexall("(a|aa)+$", "' + "a" * 5000 + 'b")') == []
    assert time.perf_counter() - started < 2


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('regex("[0-9]+", "ab123c")', "123"),
        ('regex("(\\\\w+)@(\\\\w+)", "me@host")', ["me", "host"]),
        ('regex("(?P<user>\\\\w+)@(?P<host>\\\\w+)", "me@host")', {"user": "me", "host": "host"}),
        ('regexall("(a)(b)?", "abab a")', [["a", "b"], ["a", "b"], ["a", ""]]),
        ('regexall("x*", "ab")', ["", "", ""]),
        (
            'replace("2024-01-02", "/(\\\\d+)-(?P<m>\\\\d+)/", "$m/$1 $$ $${1}x $1x")',
            "01/2024 $ 2024x -02",
        ),
        ('replace("abc", "/x*/", "-")', "-a-b-c-"),
        ('can(regex("(a)\\\\1", "aa"))', False),  # no backreferences in RE2, as in Terraform
        ('can(regex("(?P<n>a)(b)", "ab"))', False),  # named and unnamed groups mixed
        ('regex("\\\\d", "\u0e51 7")', "7"),  # \\d is ASCII in RE2 (a Thai digit is not)
        ("setproduct([\"a\", \"b\"], [1, 2])", [["a", 1], ["a", 2], ["b", 1], ["b", 2]]),
        ('strrev("abc")', "cba"),
        ("distinct([1, \"1\", 1, true, [1], [1]])", [1, "1", True, [1]]),
        ("setsubtract([1, 2, 3], [2])", [1, 3]),
        ('can(cidrsubnet("10.0.0.0/16", -1000000000000, 0))', False),
        ("local_n", UNKNOWN),  # unknown names stay unknown
    ],
)
def test_functions_with_terraform_semantics(source: str, expected: Any) -> None:
    assert value(source) == expected


def test_numbers_squared_along_a_chain_stay_small() -> None:
    # Each step squares: Python ints would reach 2**(2**40) bits; Terraform keeps 512 bits.
    parsed = parse_hcl("t.tf", b"x = 10\n")
    assert parsed.issues == []
    started = time.perf_counter()
    number: Any = 10
    for _ in range(40):
        number = value(f"{number!r} * {number!r}") if number is not UNKNOWN else UNKNOWN
        if isinstance(number, float):
            break
    assert isinstance(number, float)
    assert time.perf_counter() - started < 2


def test_a_yaml_complex_key_is_refused_with_its_line(tmp_path: Path, settings: Settings) -> None:
    # Found by benchmarks/fuzz.py: 64 nested `{{...}}` keys rendered as text doubled their
    # escapes at each level (23 GB) before this was refused.
    (tmp_path / "k8s.yaml").write_text("kind: Pod\nspec:\n  " + "{" * 64 + "}" * 64 + ": 1\n")
    (tmp_path / "t.json").write_text("{" * 64 + "}" * 64 + '{"a": 1}\n')
    started = time.process_time()
    result = audit([tmp_path], settings)
    assert time.process_time() - started < 10
    found = {Path(i.path).name: (i.status.value, i.line, i.error) for i in result.inputs}
    assert found["k8s.yaml"] == (
        "not_assessed", 3,
        "a mapping or list used as a key (a YAML complex key) is not supported",
    )
    assert found["t.json"][0:2] == ("not_assessed", 1)


def _cfn(access_control: Any) -> str:
    template = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Parameters": {"P": {"Type": "String", "Default": "x" * 2000}},
        "Resources": {
            "B": {
                "Type": "AWS::S3::Bucket",
                "Properties": {"BucketName": "ok", "AccessControl": access_control},
            }
        },
    }
    return json.dumps(template, indent=1)


def _nested_sub(levels: int) -> Any:
    inner: Any = {"Ref": "P"}
    for _ in range(levels):
        inner = {"Fn::Sub": ["${a}${a}", {"a": inner}]}
    return inner


HEAT = """heat_template_version: 2018-08-31
parameters:
  p:
    type: string
    default: {default}
resources:
  server:
    type: OS::Nova::Server
    properties:
      image: cirros
      flavor: m1.small
      user_data:
        str_replace:
          template: "{template}"
          params:
            $x: {{get_param: p}}
"""


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        ("join.json", _cfn({"Fn::Join": ["", [{"Ref": "P"}] * 600]}),
         "Fn::Join would build 1,200,000 characters"),
        ("sub.json", _cfn(_nested_sub(11)), "Fn::Sub would build 1,024,008 characters"),
        ("small.json", _cfn(_nested_sub(3)), None),
    ],
    ids=["cfn-join", "cfn-nested-sub", "cfn-under-the-cap"],
)
def test_cloudformation_string_functions_are_capped(
    tmp_path: Path, settings: Settings, name: str, text: str, reason: str | None
) -> None:
    (tmp_path / name).write_text(text)
    result = audit([tmp_path], settings.model_copy(update={"rule_ids": (RULE,)}))
    (finding,) = result.findings
    if reason is None:  # 16,000 x's: built and judged (not a public ACL)
        assert _problems(result) == []
        assert finding.status.value == "PASS"
        return
    assert _problems(result) == [
        (name, "partially_assessed", 10,
         f"resource 'B': {reason}, over the cap of 1,000,000: that value is unknown (not "
         "assessed)"),
    ]  # fmt: skip
    assert finding.status.value == "UNKNOWN"


def test_heat_str_replace_over_the_cap_leaves_user_data_secrets_unknown(
    tmp_path: Path, settings: Settings
) -> None:
    (tmp_path / "stack.yaml").write_text(HEAT.format(default="x" * 2000, template="$x" * 600))
    result = audit([tmp_path], settings.model_copy(update={"rule_ids": ("GDCC-CMP-005",)}))
    assert _problems(result) == [
        ("stack.yaml", "partially_assessed", 7,
         "resource 'server': str_replace would build 1,200,000 characters, over the cap of "
         "1,000,000: that value is unknown (not assessed)"),
    ]  # fmt: skip
    # Secrets in user data: not read, so not "none found" (it was PASS before the cap).
    assert [f.status.value for f in result.findings] == ["UNKNOWN"]


def test_the_per_template_total_names_ten_resources_then_counts(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gdcc_audit.normalize.cloudformation import resolving

    monkeypatch.setattr(resolving, "MAX_TEXT_TOTAL", 5_000)
    join = {"Fn::Join": ["", [{"Ref": "P"}, {"Ref": "P"}]]}  # 4,000 characters each
    buckets = {
        f"B{i:02}": {"Type": "AWS::S3::Bucket", "Properties": {"AccessControl": join}}
        for i in range(13)
    }
    template = json.loads(_cfn(None))
    template["Resources"] = buckets
    (tmp_path / "t.json").write_text(json.dumps(template, indent=1))
    result = audit([tmp_path], settings.model_copy(update={"rule_ids": (RULE,)}))
    (item,) = result.inputs
    errors = [item.error, *item.additional_errors]
    assert len(errors) == 11
    assert errors[0] == (
        "resource 'B01': Fn::Join: the template's string functions have built 5,000 "
        "characters, the cap per template: that value is unknown (not assessed)"
    )
    assert errors[-1] == "2 more resources with values unknown for the same reason " \
        "(the string-function caps)"
    verdicts = {f.address: f.status.value for f in result.findings}
    assert verdicts["B00"] == "PASS"  # built before the total was spent
    assert sorted(a for a, v in verdicts.items() if v == "UNKNOWN") == [
        f"B{i:02}" for i in range(1, 13)
    ]


def _tagged_buckets(count: int) -> str:
    head = 'locals {\n  prefix = "public"\n  tags = { Owner = "dga", Project = "portal" }\n}\n'
    bucket = (
        'resource "aws_s3_bucket" "b{i}" {{\n'
        '  bucket = "tenant-${{local.prefix}}-{i}"\n'
        '  acl    = "${{local.prefix}}-read"\n'
        '  tags   = merge(local.tags, {{ Name = "bucket-{i}", Tier = "web-{i}" }})\n'
        "}}\n"
    )
    return head + "".join(bucket.format(i=i) for i in range(count))


def test_a_large_ordinary_module_is_evaluated_whole(
    tmp_path: Path, settings: Settings, small_budget: None
) -> None:
    """The total grows with the module's bytes: 1,500 ordinary buckets spend more than the
    fixed total (100,000 units here) but far less than 4 units per byte of their file, so
    every one is evaluated (they stopped at the fixed total before: the last ones UNKNOWN)."""
    text = _tagged_buckets(1_500)
    assert len(text) * budget.UNITS_PER_SOURCE_BYTE > budget.MAX_TOTAL_UNITS
    result = _scan(tmp_path, text, settings)
    (item,) = result.inputs
    assert item.status == InputStatus.ASSESSED, item.error
    failing = {f.address for f in result.findings if f.status.value == "FAIL"}
    assert failing == {f"aws_s3_bucket.b{i}" for i in range(1_500)}


def test_the_total_grows_with_the_bytes_evaluated_between_one_and_three_fixed_totals() -> None:
    spend = budget.Budget(total=1_000)
    spend.cover(100)
    assert spend.total == 1_000  # 200 units for 100 bytes: the fixed total stays
    spend.cover(650)
    assert spend.total == 1_500  # 750 bytes in all
    spend.cover(10_000)
    assert spend.total == 3_000  # padding a file buys at most three times the fixed total
    assert budget.Budget().total == budget.MAX_TOTAL_UNITS
    assert budget.MAX_SCALED_TOTAL_UNITS == 3 * budget.MAX_TOTAL_UNITS


def test_a_small_amplifying_module_still_stops_at_the_fixed_total(
    tmp_path: Path, settings: Settings, small_budget: None
) -> None:
    """Doubling a string through a chain of locals: its file is a few hundred bytes, so the
    fixed total applies, as before."""
    chain = "".join(f'  s{i + 1} = "${{local.s{i}}}${{local.s{i}}}"\n' for i in range(30))
    text = f'locals {{\n  s0 = "ab"\n{chain}}}\n' + _bucket("substr(local.s30, 0, 7)")
    assert len(text) * budget.UNITS_PER_SOURCE_BYTE < budget.MAX_TOTAL_UNITS
    result = _scan(tmp_path, text, settings)
    (item,) = result.inputs
    assert item.status == InputStatus.PARTIALLY_ASSESSED
    assert item.error is not None
    assert "evaluation budget exceeded" in item.error


class _Text(str):
    pass


@pytest.mark.parametrize(
    ("value", "units"),
    [
        ("", 1),
        ("abc", 3),
        (_Text("abcd"), 4),  # a str subclass counts as a string
        ([], 1),
        (["ab", 1, None, True], 1 + 2 + 1 + 1 + 1),
        ({"k": "vv", "n": 1, 2: "x", "e": ""}, 1 + (1 + 2) + (1 + 1) + (1 + 1) + (1 + 1)),
        ({"a": {"b": ["cc", {"d": ""}]}}, 1 + 1 + 1 + 1 + 1 + 2 + 1 + 1 + 1),
        ((1, 2), 1),  # anything else is one unit
    ],
)
def test_value_units_count_every_character_and_element(value: Any, units: int) -> None:
    assert budget.value_units(value, 10_000) == units


def test_value_units_stop_past_the_limit() -> None:
    wide = {f"k{i}": "x" * 10 for i in range(1_000)}
    assert budget.value_units(wide, 100) > 100
    assert budget.value_units([wide], 100) > 100
    assert budget.value_units(wide, 1_000_000) == 1 + 1_000 * 10 + sum(
        len(f"k{i}") for i in range(1_000)
    )


def _passed_on(steps: int) -> str:
    """A map of 20 maps (about 400 units each, 8,000 in all) passed on unchanged through
    ``steps`` locals that re-map, merge or filter it (as Azure CAF enterprise-scale passes its
    policy library), then read by the bucket."""
    inner = '{for j in range(30) : "n${j}" => "value-${i}-${j}"}'
    lines = ['  l0 = {for i in range(20) : "k${i}" => ' + inner + "}"]
    shapes = [
        "{for k, v in local.l%d : k => v}",
        "merge(local.l%d, {})",
        "{for k, v in local.l%d : k => v if v != null}",
        "{all = local.l%d}.all",
    ]
    for i in range(1, steps + 1):
        lines.append(f"  l{i} = " + shapes[i % len(shapes)] % (i - 1))
    return "locals {\n" + "\n".join(lines) + "\n}\n"


@pytest.mark.usefixtures("small_budget")
def test_a_value_passed_on_unchanged_is_charged_once(tmp_path: Path, settings: Settings) -> None:
    """Each local re-charged the whole map (8,000 units): 20 of them passed the total of
    100,000 units and the bucket reading the last was UNKNOWN. A value passed on is now
    charged one unit per part already charged, so the chain costs about what it builds."""
    text = _passed_on(20) + _bucket('local.l20["k19"]["n29"] == "value-19-29" ? "private" : "x"')
    result = _scan(tmp_path, text, settings)
    assert _problems(result) == []
    assert _verdict(result) == "PASS"


def test_a_value_repeated_inside_one_value_is_charged_each_time() -> None:
    spend = budget.Budget(total=10**9)
    part = {f"k{i}": "x" * 10 for i in range(100)}  # 1,291 units
    spend.charge(part)
    assert spend.spent == 1_291
    spend.charge({"a": part})  # passed on: the map (1), its key (1), the part (1)
    assert spend.spent == 1_291 + 3
    spend.charge([part, part])  # the second time it appears, it counts whole
    assert spend.spent == 1_291 + 3 + 1 + 1 + 1_291
    with pytest.raises(budget.BudgetExceeded):
        budget.Budget(per_value=2_000, total=10**9).charge([part, part])
    capped = budget.Budget(per_value=2_000, total=10**9)
    capped.charge(part)
    with pytest.raises(budget.BudgetExceeded):  # the value cap counts every part, as rendered
        capped.charge([part, part])


def test_a_string_charged_whole_is_read_once_for_free() -> None:
    spend = budget.Budget(total=10**9)
    text = "x" * 1_000
    spend.charge(text)
    spend.read([text, "short"])  # built just before: its building paid for one reading
    assert spend.spent == 1_000 + 5
    spend.read([text])  # read again (a loop over one big string): each reading counts
    assert spend.spent == 1_000 + 5 + 1_000
    spend.forget()
    spend.charge(text)  # once forgotten, counted whole
    assert spend.spent == 3_000 + 5


def test_a_file_read_raises_the_total_as_module_bytes_would(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Building the 65,000 characters of a data file, then its 5,000 decoded items, spent more
    than a fixed total of 100,000 units: the bucket reading it was UNKNOWN. The bytes of a
    file read count as module bytes evaluated (two units each), so it is read whole."""
    monkeypatch.setattr(budget, "MAX_VALUE_UNITS", 100_000)
    monkeypatch.setattr(budget, "MAX_TOTAL_UNITS", 100_000)
    (tmp_path / "data.json").write_text(json.dumps([f"item-{i:04}" for i in range(5_000)]))
    text = 'locals {\n  d = jsondecode(file("${path.module}/data.json"))\n}\n'
    result = _scan(tmp_path, text + _bucket('length(local.d) == 5000 ? "private" : "x"'),
                   settings)
    assert [p for p in _problems(result) if p[0] == "main.tf"] == []
    assert _verdict(result) == "PASS"


def _reads(tmp_path: Path, settings: Settings) -> AuditResult:
    """A 9,000-character file read by ``templatefile`` a hundred times (a template
    without interpolation renders to the same text each time)."""
    (tmp_path / "big.txt").write_text("x" * 9_000)
    acl = ('alltrue([for i in range(100) : templatefile("${path.module}/big.txt", {}) != ""])'
           ' ? "private" : "x"')
    return _scan(tmp_path, _bucket(acl), settings)


@pytest.mark.usefixtures("small_budget")
def test_a_file_read_again_in_a_root_is_the_same_text(tmp_path: Path, settings: Settings) -> None:
    """Read from disk once per root: the readings after the first do no work and cost
    nothing (it was read, and charged, a hundred times: UNKNOWN)."""
    result = _reads(tmp_path, settings)
    assert [p for p in _problems(result) if p[0] == "main.tf"] == []
    assert _verdict(result) == "PASS"


@pytest.mark.usefixtures("small_budget")
def test_a_file_read_again_past_the_kept_text_spends_each_reading(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the characters an evaluation keeps, each reading is done again and spends its
    characters: the hundred readings stop at the total (with the same text rendered each
    time, they cost one unit each and ran unbounded)."""
    from gdcc_audit.load.terraform import module

    monkeypatch.setattr(module, "FILES_KEPT_CHARS", 0)
    result = _reads(tmp_path, settings)
    ((name, status, line, error),) = [p for p in _problems(result) if p[0] == "main.tf"]
    assert (name, status, line) == ("main.tf", "partially_assessed", 3)
    assert "the evaluation budget of 300,000 units per root module was spent" in error
    assert _verdict(result) == "UNKNOWN"
