"""The hard-coded secret detector (GDCC-SECRET-001): credential patterns and shapes, the walk
over plain values that finds literal secrets (:mod:`.detect`), and the secrets written in
Kubernetes objects outside pod specs (:mod:`.kubernetes`).

Shared by the loaders (a file of custom resources is read only when one has a secret written
in it) and the mappers, so it sits below both.
"""
