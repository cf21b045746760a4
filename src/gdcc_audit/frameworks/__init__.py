"""Control catalogs and the crosswalk: catalog files (``catalog``), the loaded set of
frameworks (``registry``) and the built-in plugin that contributes them (``plugin``).

Belongs here: what a framework and a control are and how they link. Not here: how controls are
scored (``score``) or shown (``report``).
"""
