"""SW Sapien (REST) connector: token auth, stamp v4, cancel by CSD registered at SW."""

import re

import requests

from .. import sat_status
from ..tfd import parse
from .base import AlreadyStamped, CancelResult, PacClient, PacRejected, PacUnavailable, StampResult

TEST_URL = "https://services.test.sw.com.mx"
PRODUCTION_URL = "https://services.sw.com.mx"
CODE_RE = re.compile(r"^\s*(CFDI\d{5}|\d{3})")


class SwSapienPac(PacClient):
    name = "sw"

    def __init__(self, *args, sat_status_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.base_url = self.base_url or TEST_URL
        self._token = None
        self.sat_status_url = sat_status_url

    def _request(self, method, path, **kwargs):
        try:
            response = requests.request(method, self.base_url + path, timeout=self.timeout, **kwargs)
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise PacUnavailable(f"SW Sapien no responde: {exc.__class__.__name__}", str(exc)) from exc
        if response.status_code >= 500:
            raise PacUnavailable(f"SW Sapien respondió {response.status_code}", response.text)
        try:
            payload = response.json()
        except ValueError as exc:
            raise PacUnavailable("Respuesta inválida de SW Sapien", response.text) from exc
        return payload, response.text

    def _auth_headers(self):
        if not self._token:
            payload, raw = self._request(
                "POST", "/security/authenticate", headers={"user": self.username, "password": self.password}
            )
            if payload.get("status") != "success":
                raise PacRejected("auth", payload.get("message", ""), raw)
            self._token = payload["data"]["token"]
        return {"Authorization": f"bearer {self._token}"}

    def stamp(self, xml):
        files = {"xml": ("cfdi.xml", xml, "application/xml")}
        payload, raw = self._request("POST", "/v4/cfdi33/stamp/v4", headers=self._auth_headers(), files=files)
        if payload.get("status") == "success":
            data = payload["data"]
            return StampResult(uuid=data["uuid"].upper(), xml=data["cfdi"].encode(), raw=raw)
        message = payload.get("message") or ""
        match = CODE_RE.match(message)
        code = match.group(1) if match else "error"
        if code in ("307", "CFDI3307") and (payload.get("data") or {}).get("cfdi"):
            stamped_xml = payload["data"]["cfdi"].encode()
            raise AlreadyStamped(StampResult(uuid=parse(stamped_xml)["uuid"], xml=stamped_xml, raw=raw), raw)
        raise PacRejected(code, message, raw)

    def stamped(self, xml):
        # SW answers a re-sent XML with "307" and the original stamp: that is its query.
        try:
            self.stamp(xml)
        except AlreadyStamped as exc:
            return exc.result
        except PacRejected:
            return None
        return None

    def cancel(self, rfc, uuid, motivo, substitute_uuid=None, signer=None, total=None, rfc_receptor=None):
        path = f"/cfdi33/cancel/{rfc}/{uuid}/{motivo}"
        if substitute_uuid:
            path += f"/{substitute_uuid}"
        payload, raw = self._request("POST", path, headers=self._auth_headers())
        if payload.get("status") != "success":
            message = payload.get("message") or ""
            match = CODE_RE.match(message)
            raise PacRejected(match.group(1) if match else "error", message, raw)
        codes = (payload.get("data") or {}).get("uuid") or {}
        code = str(codes.get(uuid) or codes.get(uuid.lower()) or "201")
        return CancelResult(status="pending" if code == "201" else "cancelled", raw=raw)

    def sat_status(self, rfc_emisor, rfc_receptor, uuid, total):
        """SW has no status operation: SAT's public consultation service answers (URL configurable)."""
        return sat_status.query(rfc_emisor, rfc_receptor, uuid, total, url=self.sat_status_url, timeout=self.timeout)
