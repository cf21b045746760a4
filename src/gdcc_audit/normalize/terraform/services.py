"""Resource types the wider rule set needs that no provider module mapped before: instance
templates and scale sets. Their facets come from the same functions as the instances they
create (plus :mod:`extras`)."""

from __future__ import annotations

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize.terraform import azurerm, google
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext
from gdcc_audit.normalize.terraform.values import blocks


def google_template(r: TfResource, ctx: TfContext) -> Mapped:
    """``google_compute_instance_template``: what every instance of a group gets."""
    _, facets = google.instance(r, ctx)
    return "compute.image", facets


def google_group_manager(r: TfResource, ctx: TfContext) -> Mapped:
    """``google_compute_instance_group_manager`` / ``_region_instance_group_manager`` (a
    managed instance group): the instances it creates from the instance templates of its
    ``version`` blocks (``instance_template`` at the top before provider 3.0), for the
    resource graph: their network, network tags, firewall rules and external IP are the
    templates' (registry.terraform.io/providers/hashicorp/google/latest/docs/resources/
    compute_instance_group_manager)."""
    return "compute.scaling_group", Facets()


#: Scale set ``ip_configuration`` arguments that put its instances behind a load balancer or
#: an application gateway, with the types of the parts the resource graph follows for each
#: (``graph/azure.py``).
_BALANCER_POOLS: dict[str, tuple[str, ...]] = {
    "load_balancer_backend_address_pool_ids": ("azurerm_lb_backend_address_pool",),
    "load_balancer_inbound_nat_rules_ids": ("azurerm_lb_nat_pool", "azurerm_lb_nat_rule"),
    "application_gateway_backend_address_pool_ids": ("azurerm_application_gateway",),
}


def _pools_not_read(r: TfResource, ctx: TfContext) -> bool:
    """Whether the scale set names a balancer pool the resource graph cannot follow: one
    that is not a reference to a load balancer part of the scan (an input, a module output,
    a literal id, an application gateway's pool)."""
    for i, nic in enumerate(blocks(r.values, "network_interface") or ()):
        for j, config in enumerate(blocks(nic, "ip_configuration") or ()):
            for name, types in _BALANCER_POOLS.items():
                value = config.get(name)
                if value in (None, [], ""):
                    continue
                path = f"network_interface.{i}.ip_configuration.{j}.{name}"
                found = [
                    ctx.resolve(r, ref.target) or ctx.resolve(r, ref.target.rsplit(".", 1)[0])
                    for ref in r.references
                    if ref.attribute == path or ref.attribute.startswith(path + ".")
                ]
                if (
                    not found
                    or any(item is None or item.type not in types
                           or not azurerm.balancer_read(ctx, item) for item in found)
                    or (isinstance(value, list) and len(found) < len(value))
                ):
                    return True
    return False


def azure_scale_set(r: TfResource, ctx: TfContext) -> Mapped:
    """``azurerm_*_virtual_machine_scale_set``: the template of its instances. Instances in
    a balancer's pool or NAT pool the resource graph cannot follow may be reached from the
    internet through it: without a public IP of their own, their exposure is not known."""
    _, facets = azurerm.virtual_machine(r, ctx)
    if facets.public_endpoint is not True and _pools_not_read(r, ctx):
        facets = facets.model_copy(update={"public_endpoint": None})
    return "compute.image", facets


MAPPINGS: dict[str, MapFn] = {
    "google_compute_instance_template": google_template,
    "google_compute_region_instance_template": google_template,
    "google_compute_instance_from_template": google.instance,
    "google_compute_instance_group_manager": google_group_manager,
    "google_compute_region_instance_group_manager": google_group_manager,
    "azurerm_linux_virtual_machine_scale_set": azure_scale_set,
    # deployment slots are apps of their own (their own HTTPS, TLS and debugging settings)
    "azurerm_app_service_slot": azurerm.web_app,
    "azurerm_function_app_slot": azurerm.web_app,
    "azurerm_linux_function_app_slot": azurerm.web_app,
    "azurerm_windows_function_app_slot": azurerm.web_app,
    "azurerm_linux_web_app_slot": azurerm.web_app,
    "azurerm_windows_web_app_slot": azurerm.web_app,
    "azurerm_windows_virtual_machine_scale_set": azure_scale_set,
}
