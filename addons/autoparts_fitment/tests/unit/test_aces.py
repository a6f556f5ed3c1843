import io
from pathlib import Path

import pytest

from odoo.addons.autoparts_fitment.lib import aces

DATA = Path(__file__).parent / "data"


def test_aces_42_sample():
    header = {}
    apps = list(aces.iter_applications(str(DATA / "aces42_sample.xml"), header))
    assert [a.app_id for a in apps] == ["1001", "1002", "1003", "1004"]
    assert header["SubmissionType"] == "FULL"
    assert header["RecordCount"] == "4"
    first, second, deleted, placeholder = apps
    assert (first.action, first.base_vehicle_id, first.engine_base_id, first.position) == ("A", 5001, 700, "front")
    assert (first.part_number, first.brand, first.part_number_normalized) == ("BP-1234", "BKFR", "BP1234")
    assert first.note == "con ABS"
    assert first.line == 9
    assert (second.year_from, second.year_to, second.make_id, second.model_id) == (2012, 2014, 74, 1234)
    assert (second.quantity, second.position, second.note) == (2.0, "rear", "excepto GLI")
    assert second.part_number_normalized == "BP5678"
    assert deleted.action == "D"
    assert placeholder.part_number.upper() in aces.PLACEHOLDER_PARTS


def test_aces_50_sample():
    header = {}
    (app,) = aces.iter_applications(str(DATA / "aces50_sample.xml"), header)
    assert (app.app_id, app.part_number, app.brand, app.part_type_id) == ("A-9", "FO-100", "FLTM", "5340")
    assert (app.base_vehicle_id, app.submodel_id) == (5001, 20)
    assert header["SubmissionType"] == "UPDATE"


def test_malformed_reports_line():
    with pytest.raises(aces.AcesError) as error:
        list(aces.iter_applications(str(DATA / "aces_malformed.xml")))
    assert error.value.code == "syntax"
    assert error.value.line == 10


@pytest.mark.parametrize("name", ["aces_xxe.xml", "aces_billion_laughs.xml"])
def test_doctype_refused(name):
    with pytest.raises(aces.AcesError) as error:
        list(aces.iter_applications(str(DATA / name)))
    assert error.value.code == "doctype"


def test_bad_action_and_not_aces():
    data = b'<ACES><App action="X" id="1"><Part>A</Part></App></ACES>'
    with pytest.raises(aces.AcesError, match="neither A nor D"):
        list(aces.iter_applications(io.BytesIO(data)))
    with pytest.raises(aces.AcesError) as error:
        list(aces.iter_applications(io.BytesIO(b"<Catalog/>")))
    assert error.value.code == "root"


def test_streaming_keeps_memory_flat():
    # 20,000 apps streamed: processed Apps are removed from the root as we go
    body = b"".join(
        b'<App action="A" id="%d"><BaseVehicle id="1"/><Part>P%d</Part></App>' % (i, i) for i in range(20000)
    )
    source = io.BytesIO(b"<ACES>" + body + b"</ACES>")
    count = 0
    for app in aces.iter_applications(source):
        count += 1
        assert app.part_number == f"P{int(app.app_id)}"
    assert count == 20000


def test_csv_sample():
    with open(DATA / "fitment_sample.csv", encoding="utf-8") as handle:
        rows = list(aces.iter_csv(handle))
    assert [(r.year_from, r.year_to, r.make, r.model) for r in rows] == [
        (2012, 2014, "Volkswagen", "Jetta"),
        (2015, 2015, "Nissan", "Versa"),
    ]
    assert rows[0].position == "front" and rows[0].note == "con ABS" and rows[0].line == 2
    assert rows[1].part_number_normalized == "FO100" and rows[1].position is None
    assert rows[0].app_id != rows[1].app_id


def test_csv_errors():
    with pytest.raises(aces.AcesError, match="missing CSV columns"):
        list(aces.iter_csv(io.StringIO("make,model\nA,B\n")))
    bad = "year_from,year_to,make,model,engine,part_number\n2012,2014,VW,Jetta,,X\nabc,,VW,Jetta,,X\n"
    with pytest.raises(aces.AcesError) as error:
        list(aces.iter_csv(io.StringIO(bad)))
    assert error.value.line == 3


def test_open_text_encodings():
    assert aces.open_text("\ufeffañ".encode()).read() == "añ"
    assert aces.open_text("año".encode("latin-1")).read() == "año"


class _Listener:
    """A local HTTP server that records whether anybody fetched from it (an external entity or DTD)."""

    def __init__(self):
        import http.server
        import threading

        self.hits = []
        hits = self.hits

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                hits.append(self.path)
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"NETWORK-SECRET")

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.parametrize("where", ["note", "attribute", "part"])
def test_parser_never_reads_a_file_entity(tmp_path, monkeypatch, where):
    """The DOCTYPE refusal is the first wall; the parser itself (no entities, no DTD, no network) is the
    second: with the refusal switched off, a file:// entity still reads nothing."""
    secret = tmp_path / "csd.key.txt"
    secret.write_text("CSD-SECRET-1234")
    body = {
        "note": "<Note>&xxe;</Note><Part>BP-1</Part>",
        "attribute": '<Note n="&xxe;">x</Note><Part>BP-1</Part>',
        "part": "<Part>&xxe;</Part>",
    }[where]
    data = (
        f'<?xml version="1.0"?><!DOCTYPE ACES [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
        f'<ACES><App action="A" id="1"><BaseVehicle id="1"/>{body}</App></ACES>'
    )
    monkeypatch.setattr(aces, "_check_root", lambda root: None)
    try:
        apps = list(aces.iter_applications(io.BytesIO(data.encode())))
    except aces.AcesError:
        apps = []  # an entity the parser refuses to expand is no leak either
    assert "CSD-SECRET" not in repr(apps)


def test_parser_never_fetches_over_the_network(monkeypatch):
    monkeypatch.setattr(aces, "_check_root", lambda root: None)
    with _Listener() as listener:
        data = (
            f'<?xml version="1.0"?><!DOCTYPE ACES SYSTEM "{listener.url}/aces.dtd" '
            f'[<!ENTITY net SYSTEM "{listener.url}/secret">]>'
            '<ACES><App action="A" id="1"><BaseVehicle id="1"/><Note>&net;</Note><Part>BP-1</Part></App></ACES>'
        )
        try:
            apps = list(aces.iter_applications(io.BytesIO(data.encode())))
        except aces.AcesError:
            apps = []
    assert listener.hits == []
    assert "NETWORK-SECRET" not in repr(apps)


def test_file_entity_refused_with_the_doctype(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("CSD-SECRET-1234")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE ACES [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
        '<ACES><App action="A" id="1"><BaseVehicle id="1"/><Note>&xxe;</Note><Part>BP-1</Part></App></ACES>'
    )
    with pytest.raises(aces.AcesError) as error:
        list(aces.iter_applications(io.BytesIO(data.encode())))
    assert error.value.code == "doctype"
