"""Local HTTP fakes for the PAC connectors: a server on an ephemeral 127.0.0.1 port, and a closed port."""

import contextlib
import socket
import threading
from http.server import ThreadingHTTPServer


@contextlib.contextmanager
def serve(handler):
    """Run ``handler`` on 127.0.0.1 in a thread; yields the base URL and stops the server afterwards."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def closed_port_url():
    """URL of a port nobody listens on (connection refused)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return f"http://127.0.0.1:{port}"


def assert_stamps_exactly_once(client, xml):
    """The PAC contract: stamp, 'already stamped' on a resend with the same stamp, query finds it."""
    from odoo.addons.mx_cfdi.lib.pac import AlreadyStamped

    result = client.stamp(xml)
    assert len(result.uuid) == 36 and b"TimbreFiscalDigital" in result.xml
    try:
        client.stamp(xml)
    except AlreadyStamped as exc:
        assert exc.result.uuid == result.uuid
    else:
        raise AssertionError("a second stamp of the same XML must raise AlreadyStamped")
    # after a timeout the connector queries instead of stamping a second time
    assert client.stamped(xml).uuid == result.uuid
    return result
