"""RFC validation with python-stdnum; SAT's generic RFCs are special-cased."""

from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.mx import rfc as stdnum_rfc

GENERIC_NATIONAL = "XAXX010101000"
GENERIC_FOREIGN = "XEXX010101000"
GENERIC_RFCS = (GENERIC_NATIONAL, GENERIC_FOREIGN)


def compact(value):
    return stdnum_rfc.compact(value or "")


def is_generic(value):
    return compact(value) in GENERIC_RFCS


def is_valid(value):
    """True for a structurally valid RFC with a correct check digit, or a generic RFC."""
    value = compact(value)
    if value in GENERIC_RFCS:
        return True
    try:
        stdnum_rfc.validate(value, validate_check_digits=True)
    except StdnumValidationError:
        return False
    return True
