"""Example third-party rule pack for gdcc-audit."""
