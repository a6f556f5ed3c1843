"""PAC interface: every connector stamps, queries and cancels the same way."""

import dataclasses

# Spanish messages for the PAC/SAT codes a shop meets most; the raw answer is kept for admins.
MESSAGES = {
    "301": "XML mal formado: revise los datos fiscales del comprobante.",
    "302": "Sello mal formado o inválido: revise el CSD de la empresa.",
    "303": "El sello no corresponde al emisor: el CSD no pertenece al RFC de la empresa.",
    "304": "Certificado revocado o caduco: renueve el CSD ante el SAT.",
    "305": "La fecha de emisión no está dentro de la vigencia del CSD.",
    "307": "El comprobante ya había sido timbrado.",
    "401": "Fecha fuera de rango: el comprobante debe timbrarse dentro de las 72 horas de su emisión.",
    "402": "RFC del emisor no inscrito en el régimen indicado.",
    "CFDI40145": "El nombre del receptor no coincide con el registrado en el SAT para ese RFC.",
    "CFDI40147": "El código postal del receptor no coincide con el registrado en el SAT.",
    "CFDI40158": "El régimen fiscal del receptor no corresponde a su RFC.",
    "CFDI40215": "El total de impuestos trasladados no coincide con la suma de los conceptos.",
    "CFDI40221": "El importe de impuestos del concepto no corresponde a su base y tasa.",
    "205": "El UUID no existe o aún no está registrado en el SAT.",
    "202": "El UUID ya había sido cancelado.",
    "auth": "Credenciales del PAC inválidas: revise usuario y contraseña.",
}


def message_for(code, fallback=""):
    return MESSAGES.get(str(code), fallback or f"El PAC rechazó el comprobante (código {code}).")


@dataclasses.dataclass
class StampResult:
    uuid: str
    xml: bytes
    raw: str = ""


@dataclasses.dataclass
class CancelResult:
    status: str  # "cancelled" | "pending" (awaiting the receiver's acceptance)
    raw: str = ""


class PacError(Exception):
    def __init__(self, message, raw=""):
        super().__init__(message)
        self.message = message
        self.raw = raw


class PacUnavailable(PacError):
    """Network error, timeout or 5xx: retry later; the document may or may not be stamped."""


class PacRejected(PacError):
    """The PAC or SAT refused the document: fix the data, do not retry as is."""

    def __init__(self, code, message, raw=""):
        super().__init__(message_for(code, message), raw)
        self.code = str(code)


class AlreadyStamped(PacError):
    """The PAC already holds a stamp for this XML (e.g. Finkok 307); ``result`` carries it."""

    def __init__(self, result, raw=""):
        super().__init__(message_for("307"), raw)
        self.result = result


class PacClient:
    """Abstract PAC client. ``timeout`` in seconds; base URLs come from configuration."""

    name = "abstract"

    def __init__(self, username="", password="", base_url="", timeout=30):
        self.username = username
        self.password = password
        self.base_url = (base_url or "").rstrip("/")
        self.timeout = timeout

    def stamp(self, xml):
        """Stamp signed XML bytes → StampResult; raises PacUnavailable/PacRejected/AlreadyStamped."""
        raise NotImplementedError

    def stamped(self, xml):
        """The existing stamp of this exact XML, or None when the PAC never stamped it."""
        raise NotImplementedError

    def cancel(self, rfc, uuid, motivo, substitute_uuid=None, signer=None, total=None, rfc_receptor=None):
        raise NotImplementedError

    def sat_status(self, rfc_emisor, rfc_receptor, uuid, total):
        """SAT status: dict(estado='Vigente'|'Cancelado'|'No Encontrado', cancelable, estatus_cancelacion)."""
        raise NotImplementedError
