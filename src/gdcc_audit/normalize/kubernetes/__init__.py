"""Kubernetes manifests to canonical ``k8s.*`` resources (provider ``kubernetes``)."""
