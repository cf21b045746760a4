"""Port numbers as configuration writes them (one reading for every mapper and the graph)."""

from __future__ import annotations

#: The highest TCP / UDP port.
HIGHEST_PORT = 65535


def port_number(value: object, lowest: int = 0) -> int | None:
    """A TCP or UDP port written as a number (an int, or a float without a fraction: JSON and
    YAML readers may give one) or a string of digits (blanks around it allowed); None for
    anything else (a boolean, a sign, an expression, a value not known) or a number outside
    ``lowest``..65535 (a port field that takes no 0 passes ``lowest=1``)."""
    number: int | None = None
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and value.strip().isdigit():
        number = int(value.strip())
    return number if number is not None and lowest <= number <= HIGHEST_PORT else None
