"""Govern stage: waiver and baseline files (``files``) and applying them to findings (``apply``).

Belongs here: accepted risks, their expiry, and baselines of known findings.
Not here: scoring (``score``), reading IaC (``load``).
"""
