"""Offline VIN decoding (ISO 3779 / 49 CFR 565): validation, check digit, model year, WMI.

No database, no network: the till calls this first and only then (maybe) asks vPIC.
"""

import csv
import datetime
import functools
import os
import re
from dataclasses import dataclass, field

VIN_LENGTH = 17
_ALLOWED = re.compile(r"^[0-9A-HJ-NPR-Z]+$")
_TRANSLITERATION = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
_YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789"

# (first char, second char range, country) for WMIs missing from the bundled table
_COUNTRY_RANGES = (
    ("1", "A", "Z", "United States"),
    ("4", "A", "Z", "United States"),
    ("5", "A", "Z", "United States"),
    ("2", "A", "Z", "Canada"),
    ("3", "A", "X", "Mexico"),
    ("9", "A", "E", "Brazil"),
    ("8", "A", "E", "Argentina"),
    ("J", "A", "Z", "Japan"),
    ("K", "L", "R", "South Korea"),
    ("L", "A", "Z", "China"),
    ("M", "A", "E", "India"),
    ("M", "L", "R", "Thailand"),
    ("S", "A", "M", "United Kingdom"),
    ("V", "F", "R", "France"),
    ("V", "S", "W", "Spain"),
    ("W", "A", "Z", "Germany"),
    ("Y", "S", "W", "Sweden"),
    ("Z", "A", "R", "Italy"),
)


class VinError(ValueError):
    """A VIN that cannot be decoded. `code` says why: length, character, check_digit, empty."""

    def __init__(self, code, message, position=None, detail=None):
        super().__init__(message)
        self.code = code
        self.position = position
        self.detail = detail


@dataclass
class VinInfo:
    vin: str
    wmi: str
    manufacturer: str | None
    country: str | None
    north_american: bool
    model_year: int | None
    model_years: tuple = ()
    check_digit_valid: bool = True
    expected_check_digit: str = ""
    warnings: list = field(default_factory=list)


def clean(vin):
    """Upper case, spaces and dashes removed (people copy VINs from documents)."""
    return re.sub(r"[\s\-]", "", (vin or "").upper())


def check_digit(vin):
    """The check digit (position 9) this VIN should carry: '0'-'9' or 'X'."""
    total = sum(_TRANSLITERATION[char] * weight for char, weight in zip(vin, _WEIGHTS, strict=True))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def model_years(vin):
    """Candidate model years from position 10, earliest first (one per 30-year cycle since 1980)."""
    code = vin[9]
    if code not in _YEAR_CODES:
        return ()
    first = 1980 + _YEAR_CODES.index(code)
    return (first, first + 30)


def model_year(vin, follows_565=None, current_year=None):
    """Model year; None when position 10 is no year code.

    49 CFR 565.15 (mandatory in North America, and followed by makers whose VINs carry a valid
    check digit): position 7 numeric -> 1980-2009 cycle, letter -> 2010-2039. Other VINs (Europe
    fills position 7 with Z) get the latest candidate not after next year.
    """
    candidates = model_years(vin)
    if not candidates:
        return None
    if follows_565 is None:
        follows_565 = vin[0] in "12345"
    if follows_565:
        return candidates[0] if vin[6].isdigit() else candidates[1]
    limit = (current_year or datetime.date.today().year) + 1
    plausible = [year for year in candidates if year <= limit]
    return plausible[-1] if plausible else candidates[0]


@functools.cache
def _wmi_table():
    path = os.path.join(os.path.dirname(__file__), "data", "wmi.csv")
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["wmi"]: (row["manufacturer"], row["country"]) for row in csv.DictReader(handle)}


def manufacturer(wmi):
    """(manufacturer, country) from the bundled WMI table; manufacturer None when unknown."""
    known = _wmi_table().get(wmi)
    if known:
        return known
    return None, country(wmi)


def country(wmi):
    for first, low, high, name in _COUNTRY_RANGES:
        if wmi[0] == first and low <= wmi[1] <= high:
            return name
    return None


def validate(vin):
    """Raise VinError when the VIN is not 17 allowed characters; return it cleaned."""
    vin = clean(vin)
    if not vin:
        raise VinError("empty", "The VIN is empty.")
    if len(vin) != VIN_LENGTH:
        raise VinError("length", f"A VIN has 17 characters, this one has {len(vin)}.", detail=len(vin))
    if not _ALLOWED.match(vin):
        position = next(i for i, char in enumerate(vin, 1) if not _ALLOWED.match(char))
        raise VinError(
            "character",
            f"Character {vin[position - 1]!r} at position {position} is not allowed in a VIN (no I, O, Q).",
            position=position,
            detail=vin[position - 1],
        )
    return vin


def decode(vin, current_year=None):
    """Decode a VIN offline. Raises VinError; a wrong check digit is an error for North American
    manufacturers (WMI 1-5, where it is mandatory) and a warning elsewhere."""
    vin = validate(vin)
    wmi = vin[:3]
    north_american = vin[0] in "12345"
    expected = check_digit(vin)
    valid = expected == vin[8]
    if not valid and north_american:
        raise VinError(
            "check_digit",
            f"Check digit (position 9) is {vin[8]!r}, expected {expected!r}: the VIN is mistyped.",
            position=9,
            detail=expected,
        )
    make, made_in = manufacturer(wmi)
    info = VinInfo(
        vin=vin,
        wmi=wmi,
        manufacturer=make,
        country=made_in,
        north_american=north_american,
        model_year=model_year(vin, north_american or valid, current_year),
        model_years=model_years(vin),
        check_digit_valid=valid,
        expected_check_digit=expected,
    )
    if not valid:
        info.warnings.append("check_digit")
    if info.model_year is None:
        info.warnings.append("model_year")
    if make is None:
        info.warnings.append("manufacturer")
    return info
