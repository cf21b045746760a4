"""Resource types the wider rule set needs that no provider module mapped before: instance
templates and scale sets. Their facets come from the same functions as the instances they
create (plus :mod:`extras`)."""

from __future__ import annotations

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.normalize.terraform import azurerm, google
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext


def google_template(r: TfResource, ctx: TfContext) -> Mapped:
    """``google_compute_instance_template``: what every instance of a group gets."""
    _, facets = google.instance(r, ctx)
    return "compute.image", facets


def azure_scale_set(r: TfResource, ctx: TfContext) -> Mapped:
    """``azurerm_*_virtual_machine_scale_set``: the template of its instances."""
    _, facets = azurerm.virtual_machine(r, ctx)
    return "compute.image", facets


MAPPINGS: dict[str, MapFn] = {
    "google_compute_instance_template": google_template,
    "google_compute_region_instance_template": google_template,
    "google_compute_instance_from_template": google.instance,
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
