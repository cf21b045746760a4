"""OpenStack Heat (HOT) templates to canonical resources (provider ``openstack``)."""
