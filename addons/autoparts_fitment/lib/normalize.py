"""Normalisation of the identifiers people type at the counter."""

import re

_NOT_ALNUM = re.compile(r"[^0-9A-Z]")


def normalize_part_number(number):
    """Part or interchange number as compared: upper case, only letters and digits.

    "bp-1234 a" and "BP1234A" are the same part number for a clerk.
    """
    return _NOT_ALNUM.sub("", (number or "").upper())


def normalize_plate(plate):
    """Licence plate as compared: upper case, spaces, dashes and dots ignored ("abc-123-a" -> "ABC123A")."""
    return _NOT_ALNUM.sub("", (plate or "").upper())
