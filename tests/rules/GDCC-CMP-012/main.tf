terraform {
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 5.0"
    }
  }
}

# no shielded_instance_config: enable_secure_boot "Defaults to false"
resource "google_compute_instance" "vm_default" {
  name         = "vm-default"
  machine_type = "e2-medium"
  zone         = "asia-southeast1-a"
  boot_disk {
    initialize_params { image = "debian-cloud/debian-12" }
  }
  network_interface { network = "default" }
}

resource "google_compute_instance" "vm_shielded" {
  name         = "vm-shielded"
  machine_type = "e2-medium"
  zone         = "asia-southeast1-a"
  boot_disk {
    initialize_params { image = "debian-cloud/debian-12" }
  }
  network_interface { network = "default" }
  shielded_instance_config {
    enable_secure_boot = true
  }
}

resource "google_compute_instance_template" "template_no_vtpm" {
  name         = "template-no-vtpm"
  machine_type = "e2-medium"
  disk {
    source_image = "debian-cloud/debian-12"
  }
  network_interface { network = "default" }
  shielded_instance_config {
    enable_secure_boot = true
    enable_vtpm        = false
  }
}

# Shielded GKE Nodes on by default (google >= 4.0); the default pool's secure boot off
resource "google_container_cluster" "gke_default" {
  name     = "gke-default"
  location = "asia-southeast1"
}

resource "google_container_cluster" "gke_secure" {
  name                     = "gke-secure"
  location                 = "asia-southeast1"
  remove_default_node_pool = true
  initial_node_count       = 1
}

resource "google_container_node_pool" "secure" {
  name    = "secure"
  cluster = google_container_cluster.gke_secure.name
  node_config {
    shielded_instance_config {
      enable_secure_boot = true
    }
  }
}

resource "google_container_cluster" "gke_unshielded" {
  name                  = "gke-unshielded"
  location              = "asia-southeast1"
  enable_shielded_nodes = false
  node_config {
    shielded_instance_config {
      enable_secure_boot = true
    }
  }
}

resource "azurerm_linux_virtual_machine" "trusted_launch" {
  name                  = "trusted-launch"
  resource_group_name   = "rg"
  location              = "southeastasia"
  size                  = "Standard_D2s_v5"
  admin_username        = "adminuser"
  network_interface_ids = ["nic-1"]
  secure_boot_enabled   = true
  vtpm_enabled          = true
  admin_ssh_key {
    username   = "adminuser"
    public_key = "ssh-rsa AAAA"
  }
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }
  source_image_reference {
    publisher = "Canonical"
    offer     = "0001-com-ubuntu-server-jammy"
    sku       = "22_04-lts-gen2"
    version   = "latest"
  }
}

# neither written: the provider asks for no Trusted launch
resource "azurerm_windows_virtual_machine" "standard" {
  name                  = "standard"
  resource_group_name   = "rg"
  location              = "southeastasia"
  size                  = "Standard_D2s_v5"
  admin_username        = "adminuser"
  admin_password        = var.password
  network_interface_ids = ["nic-1"]
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }
  source_image_reference {
    publisher = "MicrosoftWindowsServer"
    offer     = "WindowsServer"
    sku       = "2022-datacenter-azure-edition"
    version   = "latest"
  }
}

variable "password" {
  type      = string
  sensitive = true
}

# AWS has no secure-boot setting on an instance: the rule is for Google and Azure
resource "aws_instance" "ec2" {
  ami           = "ami-0abc"
  instance_type = "t3.micro"
}
