"""Azure network interfaces are mapped (kind ``network.interface``: subnet, public IP and NSG
references), and the NSG associations of interfaces and subnets are merged into them, so the
resource graph can follow a VM to the NSGs that filter it. Before, neither was read."""

from __future__ import annotations

from tfhelpers import map_all, res

from gdcc_audit.load.terraform_model import UNKNOWN
from gdcc_audit.models.resource import Reference


def _nic() -> object:
    return res(
        "azurerm_network_interface.nic",
        {"ip_configuration": [{"name": "a", "subnet_id": UNKNOWN,
                               "public_ip_address_id": UNKNOWN}]},
        {"ip_configuration.0.subnet_id": "azurerm_subnet.app.id",
         "ip_configuration.0.public_ip_address_id": "azurerm_public_ip.pip.id"},
    )


def test_a_nic_and_its_nsg_association() -> None:
    nic = _nic()
    association = res(
        "azurerm_network_interface_security_group_association.a",
        {"network_interface_id": UNKNOWN, "network_security_group_id": UNKNOWN},
        {"network_interface_id": "azurerm_network_interface.nic.id",
         "network_security_group_id": "azurerm_network_security_group.web.id"},
    )
    pip = res("azurerm_public_ip.pip", {"sku": UNKNOWN})
    found = map_all(nic, association, pip)  # type: ignore[arg-type]
    assert set(found) == {"azurerm_network_interface.nic", "azurerm_public_ip.pip"}
    mapped = found["azurerm_network_interface.nic"]
    assert (mapped.kind, mapped.facets.public_endpoint) == ("network.interface", True)
    assert mapped.attributes["merged_from"] == [
        "azurerm_network_interface_security_group_association.a"
    ]
    assert mapped.references == (
        Reference(target="azurerm_subnet.app.id", attribute="ip_configuration.0.subnet_id"),
        Reference(target="azurerm_public_ip.pip.id",
                  attribute="ip_configuration.0.public_ip_address_id"),
        # the association's own reference to the interface (no edge: the same resource)
        Reference(target="azurerm_network_interface.nic.id", attribute="network_interface_id"),
        Reference(target="azurerm_network_security_group.web.id",
                  attribute="network_security_group_id"),
    )
    # a SKU written but not known is kept as such (not taken for the default)
    assert found["azurerm_public_ip.pip"].attributes["sku"] is None


def test_a_subnet_and_its_nsg_association() -> None:
    subnet = res("azurerm_subnet.app", {"name": "app"})
    association = res(
        "azurerm_subnet_network_security_group_association.a",
        {"subnet_id": UNKNOWN, "network_security_group_id": UNKNOWN},
        {"subnet_id": "azurerm_subnet.app.id",
         "network_security_group_id": "azurerm_network_security_group.tier.id"},
    )
    found = map_all(subnet, association)
    mapped = found["azurerm_subnet.app"]
    assert set(found) == {"azurerm_subnet.app"}
    assert mapped.attributes["merged_from"] == [
        "azurerm_subnet_network_security_group_association.a"
    ]
    assert mapped.references == (
        Reference(target="azurerm_subnet.app.id", attribute="subnet_id"),
        Reference(target="azurerm_network_security_group.tier.id",
                  attribute="network_security_group_id"),
    )


def test_a_nic_without_a_public_ip() -> None:
    nic = res("azurerm_network_interface.nic", {"ip_configuration": [{"name": "a"}]})
    assert map_all(nic)["azurerm_network_interface.nic"].facets.public_endpoint is False
