import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from odoo.tests import TransactionCase


def isolate_from_demo(env):
    """Hide the demo catalogue (loaded when the database has demo data) from a test's lookups.

    Tests build their own tiny catalogue and look it up by make/model names, engine displacement,
    the universal flag: in the test's transaction, the demo makes and models are renamed, its
    engines and vehicle configurations archived and its universal parts unflagged.
    """
    bases = env["fitment.base.vehicle"].search([])
    for record in [*bases.model_id, *bases.make_id]:
        record.name = f"{record.name} (demo)"
    env["fitment.vehicle"].search([]).active = False
    env["fitment.engine"].search([]).active = False
    env["product.template"].search([("fitment_universal", "=", True)]).fitment_universal = False


class FitmentCase(TransactionCase):
    """A tiny catalogue: VW Jetta 2011-2014 (2.0 and 2.5), Nissan Versa 2015, three parts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        isolate_from_demo(cls.env)
        cls.vw = cls.env["fleet.vehicle.model.brand"].create({"name": "Volkswagen", "vcdb_id": 9074})
        cls.nissan = cls.env["fleet.vehicle.model.brand"].create({"name": "NissanT"})
        cls.jetta = cls.env["fleet.vehicle.model"].create({"name": "Jetta", "brand_id": cls.vw.id, "vcdb_id": 91234})
        cls.versa = cls.env["fleet.vehicle.model"].create({"name": "Versa", "brand_id": cls.nissan.id})
        cls.engine_20 = cls.env["fitment.engine"].create({"displacement_l": 2.0, "cylinders": 4, "vcdb_id": 9700})
        cls.engine_25 = cls.env["fitment.engine"].create({"displacement_l": 2.5, "cylinders": 5})
        Base = cls.env["fitment.base.vehicle"]
        cls.jetta_years = {
            year: Base.create({"year": year, "model_id": cls.jetta.id, "vcdb_id": 95000 + year})
            for year in range(2011, 2015)
        }
        cls.versa_2015 = Base.create({"year": 2015, "model_id": cls.versa.id})
        cls.jetta_2011_20 = cls.env["fitment.vehicle"].create(
            {"base_vehicle_id": cls.jetta_years[2011].id, "engine_id": cls.engine_20.id}
        )
        cls.jetta_2011_25 = cls.env["fitment.vehicle"].create(
            {"base_vehicle_id": cls.jetta_years[2011].id, "engine_id": cls.engine_25.id}
        )
        cls.jetta_2012 = cls.env["fitment.vehicle"].create({"base_vehicle_id": cls.jetta_years[2012].id})
        Template = cls.env["product.template"]
        cls.pads = Template.create({"name": "Balatas delanteras", "default_code": "BP-1234", "is_storable": True})
        cls.shoes = Template.create({"name": "Zapatas traseras", "default_code": "ZT-5678"})
        cls.filter = Template.create({"name": "Filtro de aceite", "default_code": "FILT-01"})
        cls.oil = Template.create({"name": "Aceite 5W-30", "default_code": "OIL-530", "fitment_universal": True})
        cls.env["fitment.interchange"].create(
            {"product_tmpl_id": cls.filter.id, "number": "FO 100", "brand": "FLTM", "kind": "aftermarket"}
        )


class FakeServer:
    """An HTTP server on 127.0.0.1 (port chosen by the OS) answering with a handler function."""

    def __init__(self, answer):
        self.requests = []
        self.headers = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _reply(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                outer.requests.append((self.command, self.path, body))
                outer.headers.append(dict(self.headers))
                status, payload = answer(self.command, self.path, body)
                data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _reply

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        # a client that timed out closed the socket: not an error of the fake
        self.server.handle_error = lambda request, client_address: None
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
