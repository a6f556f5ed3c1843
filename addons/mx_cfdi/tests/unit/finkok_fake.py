"""A local fake of Finkok's SOAP services: serves a WSDL and answers stamp/stamped/cancel/get_sat_status."""

import base64
import time
from http.server import BaseHTTPRequestHandler
from xml.sax.saxutils import escape

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from lxml import etree

from odoo.addons.mx_cfdi.lib.pac.demo import DemoPac

STAMP_NS = "http://facturacion.finkok.com/stamp"
CANCEL_NS = "http://facturacion.finkok.com/cancel"
APPS_NS = "apps.services.soap.core.views"

WSDL = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="{ns}" xmlns:apps="apps.services.soap.core.views"
  targetNamespace="{ns}">
 <types>
  <xs:schema targetNamespace="apps.services.soap.core.views" elementFormDefault="qualified">
   <xs:complexType name="Incidencia"><xs:sequence>
    <xs:element name="CodigoError" type="xs:string" minOccurs="0"/>
    <xs:element name="MensajeIncidencia" type="xs:string" minOccurs="0"/>
   </xs:sequence></xs:complexType>
   <xs:complexType name="IncidenciaArray"><xs:sequence>
    <xs:element name="Incidencia" type="apps:Incidencia" minOccurs="0" maxOccurs="unbounded"/>
   </xs:sequence></xs:complexType>
   <xs:complexType name="AcuseRecepcionCFDI"><xs:sequence>
    <xs:element name="xml" type="xs:string" minOccurs="0"/>
    <xs:element name="UUID" type="xs:string" minOccurs="0"/>
    <xs:element name="CodEstatus" type="xs:string" minOccurs="0"/>
    <xs:element name="Incidencias" type="apps:IncidenciaArray" minOccurs="0"/>
   </xs:sequence></xs:complexType>
   <xs:complexType name="UUID"><xs:sequence>
    <xs:element name="UUID" type="xs:string" minOccurs="0"/>
    <xs:element name="Motivo" type="xs:string" minOccurs="0"/>
    <xs:element name="FolioSustitucion" type="xs:string" minOccurs="0"/>
   </xs:sequence></xs:complexType>
   <xs:complexType name="UUIDArray"><xs:sequence>
    <xs:element name="UUID" type="apps:UUID" minOccurs="0" maxOccurs="unbounded"/>
   </xs:sequence></xs:complexType>
   <xs:complexType name="Folio"><xs:sequence>
    <xs:element name="EstatusUUID" type="xs:string" minOccurs="0"/>
    <xs:element name="UUID" type="xs:string" minOccurs="0"/>
    <xs:element name="EstatusCancelacion" type="xs:string" minOccurs="0"/>
   </xs:sequence></xs:complexType>
   <xs:complexType name="FolioArray"><xs:sequence>
    <xs:element name="Folio" type="apps:Folio" minOccurs="0" maxOccurs="unbounded"/>
   </xs:sequence></xs:complexType>
   <xs:complexType name="CancelaCFDResult"><xs:sequence>
    <xs:element name="Folios" type="apps:FolioArray" minOccurs="0"/>
    <xs:element name="Acuse" type="xs:string" minOccurs="0"/>
    <xs:element name="CodEstatus" type="xs:string" minOccurs="0"/>
   </xs:sequence></xs:complexType>
   <xs:complexType name="Acuse"><xs:sequence>
    <xs:element name="Estado" type="xs:string" minOccurs="0"/>
    <xs:element name="EsCancelable" type="xs:string" minOccurs="0"/>
    <xs:element name="EstatusCancelacion" type="xs:string" minOccurs="0"/>
   </xs:sequence></xs:complexType>
   <xs:complexType name="SatStatusResult"><xs:sequence>
    <xs:element name="sat" type="apps:Acuse" minOccurs="0"/>
   </xs:sequence></xs:complexType>
  </xs:schema>
  <xs:schema targetNamespace="{ns}" elementFormDefault="qualified">
   <xs:import namespace="apps.services.soap.core.views"/>
   {elements}
  </xs:schema>
 </types>
 {messages}
 <portType name="Port">{port_ops}</portType>
 <binding name="Binding" type="tns:Port">
  <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>{binding_ops}
 </binding>
 <service name="Service"><port name="Port" binding="tns:Binding"><soap:address location="{address}"/></port></service>
</definitions>
"""

AUTH = (
    '<xs:element name="username" type="xs:string" minOccurs="0"/>'
    '<xs:element name="password" type="xs:string" minOccurs="0"/>'
)
OPERATIONS = {
    "stamp": {
        "stamp": ('<xs:element name="xml" type="xs:base64Binary"/>', "AcuseRecepcionCFDI"),
        "stamped": ('<xs:element name="xml" type="xs:base64Binary"/>', "AcuseRecepcionCFDI"),
    },
    "cancel": {
        "cancel": ('<xs:element name="UUIDS" type="apps:UUIDArray"/>', "CancelaCFDResult"),
        "get_sat_status": ("", "SatStatusResult"),
    },
}
EXTRA = {
    "cancel": '<xs:element name="taxpayer_id" type="xs:string" minOccurs="0"/>'
    '<xs:element name="cer" type="xs:base64Binary" minOccurs="0"/>'
    '<xs:element name="key" type="xs:base64Binary" minOccurs="0"/>'
    '<xs:element name="store_pending" type="xs:boolean" minOccurs="0"/>',
    "get_sat_status": '<xs:element name="taxpayer_id" type="xs:string" minOccurs="0"/>'
    '<xs:element name="rtaxpayer_id" type="xs:string" minOccurs="0"/>'
    '<xs:element name="uuid" type="xs:string" minOccurs="0"/>'
    '<xs:element name="total" type="xs:string" minOccurs="0"/>',
}


def wsdl(service, address):
    ns = STAMP_NS if service == "stamp" else CANCEL_NS
    elements, messages, port_ops, binding_ops = [], [], [], []
    for op, (params, result_type) in OPERATIONS[service].items():
        elements.append(
            f'<xs:element name="{op}"><xs:complexType><xs:sequence>{params}{AUTH}{EXTRA.get(op, "")}'
            f"</xs:sequence></xs:complexType></xs:element>"
            f'<xs:element name="{op}Response"><xs:complexType><xs:sequence>'
            f'<xs:element name="{op}Result" type="apps:{result_type}" minOccurs="0"/>'
            f"</xs:sequence></xs:complexType></xs:element>"
        )
        messages.append(
            f'<message name="{op}"><part name="parameters" element="tns:{op}"/></message>'
            f'<message name="{op}Response"><part name="parameters" element="tns:{op}Response"/></message>'
        )
        port_ops.append(
            f'<operation name="{op}"><input message="tns:{op}"/><output message="tns:{op}Response"/></operation>'
        )
        binding_ops.append(
            f'<operation name="{op}"><soap:operation soapAction="{op}" style="document"/>'
            '<input><soap:body use="literal"/></input><output><soap:body use="literal"/></output></operation>'
        )
    return WSDL.format(
        ns=ns,
        elements="".join(elements),
        messages="".join(messages),
        port_ops="".join(port_ops),
        binding_ops="".join(binding_ops),
        address=address,
    ).encode()


def envelope(ns, op, inner, doctype=""):
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}'
        '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"'
        f' xmlns:tns="{ns}" xmlns:a="{APPS_NS}"><soapenv:Body>'
        f"<tns:{op}Response><tns:{op}Result>{inner}</tns:{op}Result></tns:{op}Response>"
        "</soapenv:Body></soapenv:Envelope>"
    ).encode()


class FinkokHandler(BaseHTTPRequestHandler):
    mode = "ok"
    secret_path = None  # mode "xxe": the file an external entity of the answer points at
    stamped = {}
    account = ("user", "secret")
    cancel_requests = []

    def log_message(self, *args):
        pass

    def _send(self, body, code=200, ctype="text/xml; charset=utf-8"):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if type(self).mode == "5xx":
            return self._send(b"busy", 503, "text/plain")
        service = "stamp" if "stamp" in self.path else "cancel"
        host = f"http://127.0.0.1:{self.server.server_port}"
        return self._send(wsdl(service, f"{host}/servicios/soap/{service}"))

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        request = etree.fromstring(body).find("{http://schemas.xmlsoap.org/soap/envelope/}Body")[0]
        op = etree.QName(request).localname
        ns = etree.QName(request).namespace
        mode = type(self).mode
        if op in ("stamp", "stamped") and mode == "timeout":
            time.sleep(1.5)
        if op in ("stamp", "stamped") and mode == "5xx":
            return self._send(b"busy", 503, "text/plain")
        if mode == "xxe":
            entity = f'<!DOCTYPE soapenv:Envelope [<!ENTITY x SYSTEM "file://{type(self).secret_path}">]>'
            return self._send(envelope(ns, op, "<a:sat><a:Estado>&x;</a:Estado></a:sat>", entity))
        handler = getattr(self, f"_op_{op}")
        return self._send(envelope(ns, op, handler(request, ns)))

    def _xml(self, request, ns):
        return base64.b64decode(request.find(f"{{{ns}}}xml").text)

    def _acuse(self, xml_bytes, uuid, status, incidences=()):
        inc = "".join(
            f"<a:Incidencia><a:CodigoError>{c}</a:CodigoError><a:MensajeIncidencia>{escape(m)}"
            "</a:MensajeIncidencia></a:Incidencia>"
            for c, m in incidences
        )
        xml_node = f"<a:xml>{escape(xml_bytes.decode())}</a:xml>" if xml_bytes else ""
        uuid_node = f"<a:UUID>{uuid}</a:UUID>" if uuid else ""
        return f"{xml_node}{uuid_node}<a:CodEstatus>{escape(status)}</a:CodEstatus><a:Incidencias>{inc}</a:Incidencias>"

    def _op_stamp(self, request, ns):
        xml = self._xml(request, ns)
        if type(self).mode == "reject":
            return self._acuse(b"", "", "", [("CFDI40215", "El TotalImpuestosTrasladados no es igual")])
        if xml in self.stamped:
            result = self.stamped[xml]
            return self._acuse(result.xml, result.uuid, "", [("307", "El CFDI contiene un timbre previo")])
        result = DemoPac().stamp(xml)
        self.stamped[xml] = result
        return self._acuse(result.xml, result.uuid, "Comprobante timbrado satisfactoriamente")

    def _op_stamped(self, request, ns):
        result = self.stamped.get(self._xml(request, ns))
        if not result:
            return self._acuse(b"", "", "", [("603", "El CFDI no ha sido timbrado")])
        return self._acuse(result.xml, result.uuid, "Comprobante timbrado satisfactoriamente")

    def _op_cancel(self, request, ns):
        """Finkok's cancel: checks the PEM certificate, the key encrypted with the account password, the RFC."""
        apps = f"{{{APPS_NS}}}"
        field = {etree.QName(node).localname: node for node in request}
        folio = request.find(f"{{{ns}}}UUIDS/{apps}UUID")
        uuid, motivo = folio.findtext(f"{apps}UUID"), folio.findtext(f"{apps}Motivo")
        substitute = folio.findtext(f"{apps}FolioSustitucion") or ""
        type(self).cancel_requests.append(
            {name: (node.text or "") for name, node in field.items() if name != "UUIDS"}
            | {"uuid": uuid, "motivo": motivo, "substitute": substitute}
        )
        error = self._cancel_error(field, motivo, substitute)
        if error:
            return f"<a:CodEstatus>{escape(error)}</a:CodEstatus>"
        status = "En proceso" if type(self).mode == "pending" else "Cancelado sin aceptación"
        return (
            f"<a:Folios><a:Folio><a:EstatusUUID>201</a:EstatusUUID><a:UUID>{uuid}</a:UUID>"
            f"<a:EstatusCancelacion>{status}</a:EstatusCancelacion></a:Folio></a:Folios>"
        )

    def _cancel_error(self, field, motivo, substitute):
        def text(name):
            return field[name].text if name in field and field[name].text else ""

        if (text("username"), text("password")) != type(self).account:
            return "Usuario o contraseña inválidos"
        try:
            cer = x509.load_pem_x509_certificate(base64.b64decode(text("cer")))
        except ValueError:
            return "El certificado no está en formato PEM"
        try:
            key = serialization.load_pem_private_key(base64.b64decode(text("key")), text("password").encode())
        except (ValueError, TypeError):
            return "No fue posible descifrar la llave privada con la contraseña de Finkok"
        if key.public_key().public_numbers() != cer.public_key().public_numbers():
            return "La llave privada no corresponde al certificado"
        # SAT test CSDs carry the RFC in x500UniqueIdentifier ("RFC / CURP")
        owner = cer.subject.get_attributes_for_oid(x509.ObjectIdentifier("2.5.4.45"))[0].value.split("/")[0].strip()
        if owner != text("taxpayer_id"):
            return "El RFC no corresponde al certificado"
        if motivo == "01" and not substitute:
            return "El motivo 01 requiere el folio de sustitución"
        return ""

    def _op_get_sat_status(self, request, ns):
        return (
            "<a:sat><a:Estado>Vigente</a:Estado><a:EsCancelable>Cancelable con aceptación</a:EsCancelable>"
            "<a:EstatusCancelacion>En proceso</a:EstatusCancelacion></a:sat>"
        )
