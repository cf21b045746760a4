"""A file name that mixes cases and digits (``EC2/EC2InstanceWithSecurityGroupSample.json``,
part of every CloudFormation resource id of that template) looked like a random token and was
masked in attack-path evidence (``-/-/AWS::EC2::Instance.***REDACTED***.json:EC2Instance``).
A token right before a configuration file extension is a file name; other random tokens are
still masked."""

from __future__ import annotations

from gdcc_audit.models.masking import MASK, redact_text


def test_configuration_file_names_are_not_masked() -> None:
    node = "-/-/AWS::EC2::Instance.EC2/EC2InstanceWithSecurityGroupSample.json:EC2Instance"
    assert redact_text(node) == node
    assert redact_text("at infra/Web2Tier/ProdStack2024Main.yaml:12") == (
        "at infra/Web2Tier/ProdStack2024Main.yaml:12"
    )
    # a key file committed beside the code, named by "value set at" (was masked)
    at = "value set at repo/11-Terraform-Provisioners2/private-key/terraform-key.pem)"
    assert redact_text(at) == at
    assert redact_text("key AbC123dEf456GhI789jKl012 end") == f"key {MASK} end"
    assert redact_text("AbC123dEf456GhI789jKl012.jsonx") == f"{MASK}.jsonx"


def test_a_file_name_with_more_dotted_parts_is_not_masked() -> None:
    """A parent template ``X.main.cfn.yaml`` named in a warning was shown as
    ``***REDACTED***.main.cfn.yaml`` (the extension was looked for right after the token)."""
    text = "the parameters that NestedStack2AzWithPrivateSubnets.main.cfn.yaml passes"
    assert redact_text(text) == text
    assert redact_text("AbC123dEf456GhI789jKl012.main.jsonx") == f"{MASK}.main.jsonx"
    assert redact_text("AbC123dEf456GhI789jKl012.v2 end") == f"{MASK}.v2 end"
