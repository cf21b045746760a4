"""Companion lookups that read a target an input or a condition chooses (issue 12).

A lookup that took every reference of an argument as certain made a resource configured by
``coalesce(var.x, r.id)`` or ``var.on ? a.id : b.id`` (a wrong PASS when the companion
protects, a wrong FAIL when it exposes); now each reads the designation
(``TfContext.naming`` / candidates and "a value beyond").
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings
from iac_helpers import run


def _found(folder: Path, text: str, rule: str) -> dict[str, tuple[Status, str]]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "main.tf").write_text(text, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=(rule,)))
    return {(f.address or ""): (f.status, f.message.en) for f in result.findings}


RINGS = """\
variable "ring" {
}

variable "use_a" {
}

resource "google_kms_key_ring" "a" {
  name     = "a"
  location = "asia-southeast1"
}

resource "google_kms_key_ring" "b" {
  name     = "b"
  location = "asia-southeast1"
}

resource "google_kms_crypto_key" "k" {
  name            = "k"
  key_ring        = KEY_RING
  rotation_period = "7776000s"
}

resource "google_kms_key_ring_iam_member" "everyone" {
  key_ring_id = GRANT_RING
  role        = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member      = "allUsers"
}
"""

ANYONE = "whether anyone may use the key is not known from the input: "


def test_a_key_that_may_be_in_a_public_ring_is_not_private(tmp_path: Path) -> None:
    text = RINGS.replace("KEY_RING", "coalesce(var.ring, google_kms_key_ring.a.id)").replace(
        "GRANT_RING", "google_kms_key_ring.a.id"
    )
    # was PASS: the key's ring, when the input is null, is the ring open to everyone
    assert _found(tmp_path, text, "GDCC-ENC-006") == {
        "google_kms_crypto_key.k": (Status.UNKNOWN, ANYONE + (
            "google_kms_key_ring_iam_member.everyone sets it on this resource or on another "
            "one, chosen by a value not known before apply"
        ))
    }


def test_a_grant_on_one_of_two_rings_may_open_either_ring_keys(tmp_path: Path) -> None:
    text = RINGS.replace("KEY_RING", "google_kms_key_ring.a.id").replace(
        "GRANT_RING", "var.use_a ? google_kms_key_ring.a.id : google_kms_key_ring.b.id"
    )
    # was FAIL: the grant is on ring a or on ring b, as the input chooses
    assert _found(tmp_path, text, "GDCC-ENC-006") == {
        "google_kms_crypto_key.k": (Status.UNKNOWN, ANYONE + (
            "google_kms_key_ring_iam_member.everyone configures one of several resources, "
            "chosen by a value not known before apply (key_ring_id: google_kms_key_ring.a or "
            "google_kms_key_ring.b): it may or may not apply to this one"
        ))
    }
    certain = RINGS.replace("KEY_RING", "google_kms_key_ring.a.id").replace(
        "GRANT_RING", "google_kms_key_ring.a.id"
    )
    assert _found(tmp_path / "c", certain, "GDCC-ENC-006")["google_kms_crypto_key.k"][0] is (
        Status.FAIL
    )


CACHE = """\
variable "group" {
}

variable "iam" {
}

resource "aws_elasticache_user" "service" {
  user_id       = "service"
  user_name     = "service"
  access_string = "on ~* +@all"
  engine        = "REDIS"
  authentication_mode {
    type = "iam"
  }
}

resource "aws_elasticache_user" "default" {
  user_id       = "app-default"
  user_name     = "default"
  access_string = "on ~* +@read"
  engine        = "REDIS"
  passwords     = ["not-a-real-password-123"]
}

resource "aws_elasticache_user_group" "iam" {
  engine        = "REDIS"
  user_group_id = "iam"
  user_ids      = [aws_elasticache_user.service.user_id]
}

resource "aws_elasticache_user_group" "iam2" {
  engine        = "REDIS"
  user_group_id = "iam2"
  user_ids      = [aws_elasticache_user.service.user_id]
}

resource "aws_elasticache_user_group" "passwords" {
  engine        = "REDIS"
  user_group_id = "passwords"
  user_ids      = [aws_elasticache_user.default.user_id]
}

resource "aws_elasticache_replication_group" "cache" {
  replication_group_id = "cache"
  description          = "cache"
  node_type            = "cache.t4g.small"
  user_group_ids       = GROUPS
}
"""


def test_an_elasticache_user_group_chosen_by_an_input_is_not_certain(tmp_path: Path) -> None:
    cases = {
        # was PASS: the input, when set, names a group outside the configuration
        "[coalesce(var.group, aws_elasticache_user_group.iam.user_group_id)]": Status.UNKNOWN,
        # was PASS: the condition may choose the group of password users
        "var.iam ? [aws_elasticache_user_group.iam.user_group_id] : "
        "[aws_elasticache_user_group.passwords.user_group_id]": Status.UNKNOWN,
        # was PASS: with the condition false the group is none (no IAM sign-in)
        "var.iam ? [aws_elasticache_user_group.iam.user_group_id] : []": Status.UNKNOWN,
        # an IAM group whichever the condition chooses
        "var.iam ? [aws_elasticache_user_group.iam.user_group_id] : "
        "[aws_elasticache_user_group.iam2.user_group_id]": Status.PASS,
        # certain: IAM
        "[aws_elasticache_user_group.iam.user_group_id]": Status.PASS,
    }
    for number, (groups, status) in enumerate(cases.items()):
        text = CACHE.replace("GROUPS", groups)
        found = _found(tmp_path / str(number), text, "GDCC-DB-001")
        assert found["aws_elasticache_replication_group.cache"][0] is status, groups


def test_an_association_that_may_name_the_group_adds_no_iam_user(tmp_path: Path) -> None:
    text = CACHE.replace("GROUPS", "[aws_elasticache_user_group.passwords.user_group_id]") + (
        'resource "aws_elasticache_user_group_association" "maybe" {\n'
        "  user_group_id = coalesce(var.group, "
        "aws_elasticache_user_group.passwords.user_group_id)\n"
        "  user_id       = aws_elasticache_user.service.user_id\n}\n"
    )
    # guard (also so before): the association adds the IAM user to the input's group when
    # that is set, not certainly to this one
    found = _found(tmp_path, text, "GDCC-DB-001")
    assert found["aws_elasticache_replication_group.cache"][0] is Status.UNKNOWN


LOGS = """\
variable "log_bucket" {
}

resource "aws_s3_bucket" "logs" {
  bucket = "agency-logs"
}

resource "aws_s3_bucket" "site" {
  bucket = "agency-site"
}

resource "aws_s3_bucket_logging" "site" {
  bucket        = aws_s3_bucket.site.id
  target_bucket = TARGET
  target_prefix = "site/"
}
"""


def test_a_log_delivery_that_may_name_a_bucket(tmp_path: Path) -> None:
    text = LOGS.replace("TARGET", "coalesce(var.log_bucket, aws_s3_bucket.logs.id)")
    # was N/A ("no log delivery to this store was found"): the access logs go to this bucket
    # unless the input is set
    assert _found(tmp_path, text, "GDCC-DATA-007")["aws_s3_bucket.logs"] == (
        Status.UNKNOWN,
        "whether it holds logs is not known from the input: aws_s3_bucket_logging.site "
        "delivers logs to this store or to another one, chosen by a value not known before "
        "apply",
    )
    certain = LOGS.replace("TARGET", "aws_s3_bucket.logs.id")
    assert _found(tmp_path / "c", certain, "GDCC-DATA-007")["aws_s3_bucket.logs"] == (
        Status.FAIL, "the store receives logs but has no write-once retention"
    )
    locked = text.replace(
        'bucket = "agency-logs"', 'bucket = "agency-logs"\n  object_lock_enabled = true'
    )
    # with object lock it passes whichever bucket receives the logs
    assert _found(tmp_path / "l", locked, "GDCC-DATA-007")["aws_s3_bucket.logs"][0] is (
        Status.PASS
    )


ZONE = """\
variable "vpc" {
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_route53_zone" "private" {
  name = "agency.internal"
  vpc {
    vpc_id = ZONE_VPC
  }
}

resource "aws_route53_resolver_query_log_config" "all" {
  name            = "all"
  destination_arn = "arn:aws:logs:ap-southeast-1:111122223333:log-group:dns"
}

resource "aws_route53_resolver_query_log_config_association" "main" {
  resolver_query_log_config_id = aws_route53_resolver_query_log_config.all.id
  resource_id                  = aws_vpc.main.id
}
"""


def test_a_block_argument_choosing_an_input_is_not_certain(tmp_path: Path) -> None:
    text = ZONE.replace("ZONE_VPC", "coalesce(var.vpc, aws_vpc.main.id)")
    # was PASS: the zone's VPC, when the input is set, is one whose queries nobody logs
    assert _found(tmp_path, text, "GDCC-DNS-002")["aws_route53_zone.private"] == (
        Status.UNKNOWN,
        "whether access logging is on is not known from the input: its network is one of "
        "aws_vpc.main or a value not in the configuration (an input or a literal), chosen by "
        "a value not known before apply",
    )
    certain = ZONE.replace("ZONE_VPC", "aws_vpc.main.id")
    assert _found(tmp_path / "c", certain, "GDCC-DNS-002")["aws_route53_zone.private"][0] is (
        Status.PASS
    )


def test_a_resolver_logging_that_may_name_the_zone_vpc(tmp_path: Path) -> None:
    text = ZONE.replace("ZONE_VPC", "aws_vpc.main.id").replace(
        "resource_id                  = aws_vpc.main.id",
        "resource_id                  = coalesce(var.vpc, aws_vpc.main.id)",
    )
    # was PASS: the logging names the zone's VPC only when the input is null
    assert _found(tmp_path, text, "GDCC-DNS-002")["aws_route53_zone.private"] == (
        Status.UNKNOWN,
        "whether access logging is on is not known from the input: "
        "aws_route53_resolver_query_log_config_association.main configures one of several "
        "resources, chosen by a value not known before apply (resource_id: aws_vpc.main or a "
        "value not in the configuration (an input or a literal)): it may or may not apply to "
        "this one",
    )


AZAPI_AKS = """\
variable "cluster_id" {
}

resource "azapi_resource" "plain" {
  type      = "Microsoft.ContainerService/managedClusters@2024-02-01"
  name      = "plain"
  location  = "southeastasia"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  body = {
    properties = {
      dnsPrefix         = "plain"
      agentPoolProfiles = [{ name = "system", vmSize = "Standard_D2s_v5", count = 1 }]
    }
  }
}

resource "azapi_resource" "public" {
  type      = "Microsoft.ContainerService/managedClusters/agentpools@2024-02-01"
  name      = "public"
  parent_id = PARENT
  body      = { properties = { vmSize = "Standard_D2s_v5", enableNodePublicIP = true } }
}
"""


def test_an_azapi_child_that_may_be_another_resource_s(tmp_path: Path) -> None:
    text = AZAPI_AKS.replace("PARENT", "coalesce(var.cluster_id, azapi_resource.plain.id)")
    # was PASS: the pool with public node IPs is this cluster's unless the input is set
    assert _found(tmp_path, text, "GDCC-CLU-005")["azapi_resource.plain"] == (
        Status.UNKNOWN,
        "whether nodes get public IP addresses is not known from the input: "
        "azapi_resource.public sets it on this resource or on another one, chosen by a value "
        "not known before apply",
    )
    certain = AZAPI_AKS.replace("PARENT", "azapi_resource.plain.id")
    assert _found(tmp_path / "c", certain, "GDCC-CLU-005")["azapi_resource.plain"][0] is (
        Status.FAIL
    )



IAM_POLICY = """\
variable "policy" {
}

variable "admin" {
}

data "aws_iam_policy_document" "narrow" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::agency-site/*"]
  }
}

data "aws_iam_policy_document" "wide" {
  statement {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "wider" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "app" {
  name   = "app"
  policy = POLICY
}
"""


def test_a_policy_chosen_between_documents_or_an_input_is_not_read(tmp_path: Path) -> None:
    cases = {
        # was PASS: the input, when set, is the policy
        "coalesce(var.policy, data.aws_iam_policy_document.narrow.json)": Status.UNKNOWN,
        # was PASS: the first document referenced was read, whichever the condition chooses
        "var.admin ? data.aws_iam_policy_document.narrow.json : "
        "data.aws_iam_policy_document.wide.json": Status.UNKNOWN,
        # wildcards whichever the condition chooses
        "var.admin ? data.aws_iam_policy_document.wider.json : "
        "data.aws_iam_policy_document.wide.json": Status.FAIL,
        "data.aws_iam_policy_document.narrow.json": Status.PASS,
        "data.aws_iam_policy_document.wide.json": Status.FAIL,
    }
    for number, (policy, status) in enumerate(cases.items()):
        text = IAM_POLICY.replace("POLICY", policy)
        found = _found(tmp_path / str(number), text, "GDCC-IAM-005")
        assert found["aws_iam_policy.app"][0] is status, policy


KEYS = """\
variable "key" {
}

resource "aws_kms_key" "k" {
  enable_key_rotation = true
}

resource "aws_sqs_queue" "chosen" {
  name              = "chosen"
  kms_master_key_id = coalesce(var.key, aws_kms_key.k.key_id)
}

resource "aws_sqs_queue" "maybe" {
  name              = "maybe"
  kms_master_key_id = var.key != "" ? aws_kms_key.k.key_id : null
}

resource "aws_sqs_queue" "own" {
  name              = "own"
  kms_master_key_id = aws_kms_key.k.key_id
}
"""


def test_a_key_chosen_between_an_input_and_a_key_resource(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(KEYS, encoding="utf-8")
    found, _errors, _discovery = run(tmp_path)
    # was True: the input, when set, may name an AWS managed key (alias/aws/sqs)
    assert found["aws_sqs_queue.chosen"].facets.customer_managed_key is None
    # was True: null leaves the queue on SQS-managed encryption (SSE-SQS), no customer key
    assert found["aws_sqs_queue.maybe"].facets.customer_managed_key is None
    assert found["aws_sqs_queue.own"].facets.customer_managed_key is True


VM = """\
variable "nic" {
}

variable "public" {
}

resource "azurerm_public_ip" "p" {
  name                = "p"
  location            = "southeastasia"
  resource_group_name = "rg"
  allocation_method   = "Static"
}

resource "azurerm_network_interface" "n" {
  name                = "n"
  location            = "southeastasia"
  resource_group_name = "rg"
  ip_configuration {
    name                          = "internal"
    subnet_id                     = "/subscriptions/x/subnets/s"
    private_ip_address_allocation = "Dynamic"
    public_ip_address_id          = PUBLIC_IP
  }
}

resource "azurerm_linux_virtual_machine" "vm" {
  name                  = "vm"
  location              = "southeastasia"
  resource_group_name   = "rg"
  size                  = "Standard_B2s"
  admin_username        = "agency"
  network_interface_ids = NICS
  admin_ssh_key {
    username   = "agency"
    public_key = "ssh-rsa AAAAB3NzaC1yc2E agency"
  }
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }
  source_image_reference {
    publisher = "Canonical"
    offer     = "0001-com-ubuntu-server-jammy"
    sku       = "22_04-lts"
    version   = "latest"
  }
}
"""


def test_an_azure_vm_nic_chosen_by_an_input_or_a_public_ip_that_may_be_none(
    tmp_path: Path,
) -> None:
    def public(ip: str, nics: str) -> bool | None:
        folder = tmp_path / str(len(list(tmp_path.iterdir())))
        folder.mkdir()
        text = VM.replace("PUBLIC_IP", ip).replace("NICS", nics)
        (folder / "main.tf").write_text(text, encoding="utf-8")
        found, _errors, _discovery = run(folder)
        return found["azurerm_linux_virtual_machine.vm"].facets.public_endpoint

    own = "[azurerm_network_interface.n.id]"
    # was False: the input, when set, names an interface outside the configuration
    assert public("null", "[coalesce(var.nic, azurerm_network_interface.n.id)]") is None
    assert public("null", own) is False
    # was True: null gives the interface no public address
    assert public("var.public ? azurerm_public_ip.p.id : null", own) is None
    assert public("azurerm_public_ip.p.id", own) is True


OWNER = """\
variable "scope" {
}

variable "wide" {
}

data "azurerm_subscription" "current" {}

resource "azurerm_resource_group" "rg" {
  name     = "rg"
  location = "southeastasia"
}

resource "azurerm_user_assigned_identity" "app" {
  name                = "app"
  resource_group_name = azurerm_resource_group.rg.name
  location            = "southeastasia"
}

resource "azurerm_role_assignment" "app" {
  scope                = SCOPE
  role_definition_name = "Owner"
  principal_id         = azurerm_user_assigned_identity.app.principal_id
}
"""


def test_an_azure_grant_scope_chosen_by_an_input_or_a_condition(tmp_path: Path) -> None:
    def admin(scope: str) -> bool | None:
        folder = tmp_path / str(len(list(tmp_path.iterdir())))
        folder.mkdir()
        (folder / "main.tf").write_text(OWNER.replace("SCOPE", scope), encoding="utf-8")
        found, _errors, _discovery = run(folder)
        return found["azurerm_role_assignment.app"].facets.admin_privileges

    # was False: the input, when set, may be the subscription (Owner there is an admin)
    assert admin("coalesce(var.scope, azurerm_resource_group.rg.id)") is None
    # was False whichever the condition chooses (the first reference was read)
    assert admin(
        "var.wide ? data.azurerm_subscription.current.id : azurerm_resource_group.rg.id"
    ) is None
    assert admin("azurerm_resource_group.rg.id") is False
    assert admin("data.azurerm_subscription.current.id") is True


EBS_DEFAULT_KEY = """\
variable "key" {
}

resource "aws_kms_key" "k" {
  enable_key_rotation = true
}

resource "aws_ebs_default_kms_key" "d" {
  key_arn = coalesce(var.key, aws_kms_key.k.arn)
}

resource "aws_ebs_volume" "v" {
  availability_zone = "ap-southeast-1a"
  size              = 10
  encrypted         = true
}
"""


def test_an_account_default_key_chosen_by_an_input(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(EBS_DEFAULT_KEY, encoding="utf-8")
    found, _errors, _discovery = run(tmp_path)
    volume = found["aws_ebs_volume.v"]
    # was True: the input, when set, may name the AWS managed key alias/aws/ebs
    assert volume.facets.customer_managed_key is None
    assert volume.unknown["customer_managed_key"].en.endswith(
        "aws_ebs_default_kms_key.d: its value is not known from the input"
    )


EKS = """\
variable "issuer" {
}

resource "aws_eks_cluster" "c" {
  name     = "c"
  role_arn = "arn:aws:iam::111122223333:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1", "subnet-2"]
  }
}

resource "aws_iam_openid_connect_provider" "irsa" {
  url             = URL
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"]
}
"""


def test_an_oidc_provider_chosen_by_an_input_gives_no_certain_irsa(tmp_path: Path) -> None:
    def identity(url: str) -> bool | None:
        folder = tmp_path / str(len(list(tmp_path.iterdir())))
        folder.mkdir()
        (folder / "main.tf").write_text(EKS.replace("URL", url), encoding="utf-8")
        found, _errors, _discovery = run(folder)
        return found["aws_eks_cluster.c"].facets.workload_identity

    # was True: the input, when set, is another cluster's issuer
    assert identity("coalesce(var.issuer, aws_eks_cluster.c.identity[0].oidc[0].issuer)") is None
    assert identity("aws_eks_cluster.c.identity[0].oidc[0].issuer") is True


FRONT_DOOR = """\
variable "shop" {
}

variable "strict" {
}

resource "azapi_resource" "profile" {
  type      = "Microsoft.Cdn/profiles@2023-05-01"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  name      = "afd"
  location  = "global"
  body      = { sku = { name = "Premium_AzureFrontDoor" } }
}

resource "azapi_resource" "blocking" {
  type      = "Microsoft.Network/FrontDoorWebApplicationFirewallPolicies@2022-05-01"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  name      = "blocking"
  location  = "global"
  body = {
    properties = { policySettings = { mode = "Prevention" } }
    sku        = { name = "Premium_AzureFrontDoor" }
  }
}

resource "azapi_resource" "watching" {
  type      = "Microsoft.Network/FrontDoorWebApplicationFirewallPolicies@2022-05-01"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  name      = "watching"
  location  = "global"
  body = {
    properties = { policySettings = { enabledState = "Enabled", mode = "Detection" } }
    sku        = { name = "Premium_AzureFrontDoor" }
  }
}

resource "azapi_resource" "shop" {
  type      = "Microsoft.Cdn/profiles/afdEndpoints@2023-05-01"
  parent_id = azapi_resource.profile.id
  name      = "shop"
  location  = "global"
  body      = { properties = { enabledState = "Enabled" } }
}

resource "azapi_resource" "docs" {
  type      = "Microsoft.Cdn/profiles/afdEndpoints@2023-05-01"
  parent_id = azapi_resource.profile.id
  name      = "docs"
  location  = "global"
  body      = { properties = { enabledState = "Enabled" } }
}

resource "azapi_resource" "protect" {
  type      = "Microsoft.Cdn/profiles/securityPolicies@2023-05-01"
  parent_id = azapi_resource.profile.id
  name      = "protect"
  body = {
    properties = {
      parameters = {
        type      = "WebApplicationFirewall"
        wafPolicy = { id = POLICY }
        associations = [{
          domains         = [{ id = DOMAIN }]
          patternsToMatch = ["/*"]
        }]
      }
    }
  }
}
"""


def test_an_azapi_front_door_policy_that_chooses_its_domain_or_waf_policy(
    tmp_path: Path,
) -> None:
    def verdicts(policy: str, domain: str) -> dict[str, Status]:
        text = FRONT_DOOR.replace("POLICY", policy).replace("DOMAIN", domain)
        folder = tmp_path / str(len(list(tmp_path.iterdir())))
        found = _found(folder, text, "GDCC-NET-003")
        return {a: found[a][0] for a in ("azapi_resource.shop", "azapi_resource.docs")}

    blocking, shop = "azapi_resource.blocking.id", "azapi_resource.shop.id"
    assert verdicts(blocking, shop)["azapi_resource.shop"] is Status.PASS
    # were PASS both: the policy protects one of the two, as the input chooses
    assert verdicts(blocking, "var.shop ? azapi_resource.shop.id : azapi_resource.docs.id") == {
        "azapi_resource.shop": Status.UNKNOWN, "azapi_resource.docs": Status.UNKNOWN,
    }
    # was PASS: the condition may choose the policy in Detection mode
    chosen = "var.strict ? azapi_resource.blocking.id : azapi_resource.watching.id"
    assert verdicts(chosen, shop)["azapi_resource.shop"] is Status.UNKNOWN


CDN = """\
variable "domain" {
}

resource "azurerm_cdn_frontdoor_profile" "p" {
  name                = "p"
  resource_group_name = "rg"
  sku_name            = "Premium_AzureFrontDoor"
}

resource "azurerm_cdn_frontdoor_firewall_policy" "waf" {
  name                = "waf"
  resource_group_name = "rg"
  sku_name            = "Premium_AzureFrontDoor"
  mode                = "Prevention"
}

resource "azurerm_cdn_frontdoor_endpoint" "shop" {
  name                     = "shop"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.p.id
}

resource "azurerm_cdn_frontdoor_security_policy" "sp" {
  name                     = "sp"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.p.id
  security_policies {
    firewall {
      cdn_frontdoor_firewall_policy_id = azurerm_cdn_frontdoor_firewall_policy.waf.id
      association {
        domain {
          cdn_frontdoor_domain_id = DOMAIN
        }
        patterns_to_match = ["/*"]
      }
    }
  }
}
"""


def test_an_azurerm_front_door_policy_whose_domain_an_input_chooses(tmp_path: Path) -> None:
    chosen = CDN.replace("DOMAIN", "coalesce(var.domain, azurerm_cdn_frontdoor_endpoint.shop.id)")
    # was PASS: the input, when set, is another domain, and this endpoint has no WAF
    found = _found(tmp_path / "c", chosen, "GDCC-NET-003")
    assert found["azurerm_cdn_frontdoor_endpoint.shop"][0] is Status.UNKNOWN
    certain = CDN.replace("DOMAIN", "azurerm_cdn_frontdoor_endpoint.shop.id")
    found = _found(tmp_path / "s", certain, "GDCC-NET-003")
    assert found["azurerm_cdn_frontdoor_endpoint.shop"][0] is Status.PASS


INSTANCE = """\
variable "own" {
}

resource "google_service_account" "sa" {
  account_id = "app"
}

resource "google_compute_instance" "vm" {
  name         = "vm"
  machine_type = "e2-small"
  zone         = "asia-southeast1-a"
  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
  network_interface {
    network = "default"
  }
  service_account {
    email  = EMAIL
    scopes = ["cloud-platform"]
  }
}
"""


def test_a_service_account_a_condition_may_leave_null(tmp_path: Path) -> None:
    def verdict(email: str) -> Status:
        folder = tmp_path / str(len(list(tmp_path.iterdir())))
        found = _found(folder, INSTANCE.replace("EMAIL", email), "GDCC-CMP-006")
        return found["google_compute_instance.vm"][0]

    # was PASS: null runs the instance as the Compute Engine default service account
    chosen = INSTANCE.replace("EMAIL", "var.own ? google_service_account.sa.email : null")
    assert _found(tmp_path / "c", chosen, "GDCC-CMP-006")["google_compute_instance.vm"] == (
        Status.UNKNOWN,
        "whether it runs as the default service account is not known from the input: "
        "service_account.email may be null, as a value not known before apply chooses: the "
        "instance then runs as the Compute Engine default service account",
    )
    assert verdict("google_service_account.sa.email") is Status.PASS


SQL = """\
variable "network" {
}

resource "google_compute_network" "vpc" {
  name = "vpc"
}

resource "google_sql_database_instance" "db" {
  name             = "db"
  database_version = "POSTGRES_16"
  region           = "asia-southeast1"
  settings {
    tier = "db-custom-1-3840"
    ip_configuration {
      ipv4_enabled    = false
      private_network = NETWORK
    }
  }
}
"""


def test_a_cloud_sql_private_network_an_input_may_choose(tmp_path: Path) -> None:
    def sources(network: str) -> tuple[str, ...] | None:
        folder = tmp_path / str(len(list(tmp_path.iterdir())))
        folder.mkdir()
        (folder / "main.tf").write_text(SQL.replace("NETWORK", network), encoding="utf-8")
        found, _errors, _discovery = run(folder)
        rules = found["google_sql_database_instance.db"].facets.ingress or ()
        return next(r.sources for r in rules if r.declared_by.endswith("private_network"))

    assert sources("google_compute_network.vpc.id") == ("ref:google_compute_network.vpc",)
    # was ref:google_compute_network.vpc: the input, when set, is another network
    assert sources("coalesce(var.network, google_compute_network.vpc.id)") is None


GLUE = """\
variable "in_vpc" {
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}

resource "aws_glue_dev_endpoint" "dev" {
  name       = "dev"
  role_arn   = "arn:aws:iam::111122223333:role/glue"
  subnet_id  = SUBNET
  public_key = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC0 dev@example"
}
"""


def test_a_glue_endpoint_subnet_a_condition_may_leave_null(tmp_path: Path) -> None:
    def verdict(subnet: str) -> Status:
        folder = tmp_path / str(len(list(tmp_path.iterdir())))
        found = _found(folder, GLUE.replace("SUBNET", subnet), "GDCC-CMP-001")
        return found["aws_glue_dev_endpoint.dev"][0]

    assert verdict("aws_subnet.private.id") is Status.PASS
    # was PASS: without a subnet Glue gives the endpoint a public address
    chosen = GLUE.replace("SUBNET", "var.in_vpc ? aws_subnet.private.id : null")
    assert _found(tmp_path / "c", chosen, "GDCC-CMP-001")["aws_glue_dev_endpoint.dev"] == (
        Status.UNKNOWN,
        "whether it has a public IP address is not known from the input: subnet_id may be "
        "null, as a value not known before apply chooses: without a subnet Glue gives the "
        "endpoint a public IP address",
    )
