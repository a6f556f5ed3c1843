"""WhatsApp click-to-chat links (https://wa.me/<number>?text=...), no API needed."""

import re
from urllib.parse import quote

MX_COUNTRY_CODE = "52"


def e164_digits(phone, default_country_code=MX_COUNTRY_CODE):
    """Digits of ``phone`` in international form without '+' (wa.me format); '' when unusable.

    A 10-digit national number gets ``default_country_code``; Mexico's old mobile prefix '1' after 52
    is dropped (52 1 55... -> 52 55...).
    """
    if not phone:
        return ""
    raw = phone.strip()
    digits = re.sub(r"\D", "", raw)
    if raw.startswith("00"):
        digits = digits[2:]
    elif not raw.startswith("+") and len(digits) == 10:
        digits = default_country_code + digits
    if digits.startswith("521") and len(digits) == 13:
        digits = "52" + digits[3:]
    return digits if 8 <= len(digits) <= 15 else ""


def click_to_chat_url(phone, message, default_country_code=MX_COUNTRY_CODE):
    number = e164_digits(phone, default_country_code)
    if not number:
        return ""
    return f"https://wa.me/{number}?text={quote(message or '', safe='')}"
