"""Evaluate stage: rules as data (``rule``, ``rulepack``), the condition language
(``conditions``), the evaluator (``engine``) and the built-in Python checks (``checks``).

Belongs here: anything that turns resources (and the graph) into findings.
Not here: reading files (``load``), waivers (``govern``), scores (``score``).
"""
