"""Signed evidence packages: the PDF/A-3 report with the JSON result and the input manifest
attached, signed as a PAdES signature (pyHanko); and their verification.

pyHanko and cryptography come with the ``[sign]`` extra and are imported only here, only when
a package is made or verified. Private keys and passwords never reach an output or a message.
"""
