# disable_password_authentication defaults to true on azurerm_linux_virtual_machine
resource "azurerm_linux_virtual_machine" "keys_default" {
  name                  = "keys"
  resource_group_name   = "rg"
  location              = "southeastasia"
  size                  = "Standard_B2s"
  admin_username        = "azureuser"
  network_interface_ids = ["nic-1"]
  admin_ssh_key {
    username   = "azureuser"
    public_key = "ssh-rsa AAAAB3Nza"
  }
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }
}

resource "azurerm_linux_virtual_machine" "password" {
  name                            = "password"
  resource_group_name             = "rg"
  location                        = "southeastasia"
  size                            = "Standard_B2s"
  admin_username                  = "azureuser"
  admin_password                  = var.admin_password
  disable_password_authentication = false
  network_interface_ids           = ["nic-1"]
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }
}

resource "azurerm_windows_virtual_machine" "windows" {
  name                  = "windows"
  resource_group_name   = "rg"
  location              = "southeastasia"
  size                  = "Standard_B2s"
  admin_username        = "azureuser"
  admin_password        = var.admin_password
  network_interface_ids = ["nic-1"]
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }
}

variable "admin_password" {
  type      = string
  sensitive = true
}
