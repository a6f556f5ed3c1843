#!/usr/bin/env python3
"""ESC/POS hardware proxy for the Odoo 19 POS: standalone entry point for the shop's box.

    python3 scripts/hw_proxy_escpos.py --config /etc/hw_proxy_escpos.ini

Needs only Python 3.10+, werkzeug, Pillow and python-escpos (pyserial / pyusb for serial / USB
printers): no Odoo server and no PostgreSQL on the box. The logic lives in
addons/hw_proxy_escpos/lib/, loaded here as a plain package so Odoo itself is never imported.
"""

import argparse
import importlib.util
import logging
import signal
import sys
import threading
from pathlib import Path

LIB_DIR = Path(__file__).resolve().parent.parent / "addons" / "hw_proxy_escpos" / "lib"


def _load_lib():
    spec = importlib.util.spec_from_file_location(
        "hw_proxy_escpos_lib", LIB_DIR / "__init__.py", submodule_search_locations=[str(LIB_DIR)]
    )
    package = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = package
    spec.loader.exec_module(package)
    return importlib.import_module(f"{spec.name}.config"), importlib.import_module(f"{spec.name}.app")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True, help="INI or JSON configuration file")
    parser.add_argument("--host", help="override [proxy] host")
    parser.add_argument("--port", type=int, help="override [proxy] port")
    parser.add_argument("--cert", help="TLS certificate (PEM) for a POS served over HTTPS")
    parser.add_argument("--key", help="TLS private key (PEM)")
    parser.add_argument("--log-level", default="INFO")
    args = parser.parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    config_mod, app_mod = _load_lib()
    try:
        cfg = config_mod.load(args.config)
    except (OSError, config_mod.ConfigError) as error:
        parser.error(str(error))
    cfg.host = args.host or cfg.host
    cfg.port = args.port if args.port is not None else cfg.port
    if args.cert or args.key:
        cfg.certfile, cfg.keyfile = args.cert or "", args.key or ""
        if not (cfg.certfile and cfg.keyfile):
            parser.error("--cert and --key go together")

    server = app_mod.ProxyServer(cfg)
    scheme = "https" if cfg.ssl_context else "http"
    logging.getLogger("hw_proxy_escpos").info(
        "serving %s://%s:%s (printers: %s)", scheme, cfg.host, server.port, ", ".join(cfg.printers)
    )
    stopping = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stopping.set())
    server.start()
    stopping.wait()
    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
