"""Configuration of the proxy box, from an INI or a JSON file.

INI::

    [proxy]
    host = 0.0.0.0
    port = 8069
    cors_origins = *                ; or a space separated list of POS origins
    certfile = /etc/hw_proxy/cert.pem
    keyfile = /etc/hw_proxy/key.pem
    queue_path = /var/lib/hw_proxy_escpos/queue.sqlite
    default_printer = receipt

    [printer:receipt]
    connection = network            ; network | usb | serial | file
    host = 192.168.1.50
    port = 9100
    paper_mm = 80
    drawer_pin = 2

    [scanner]
    source = serial                 ; none | serial | evdev
    device = /dev/ttyACM0

JSON: the same keys as ``{"proxy": {...}, "printers": {"receipt": {...}}, "scanner": {...}}``.
"""

import configparser
import json
from dataclasses import dataclass, field, fields
from pathlib import Path

from .encoding import DEFAULT_PROFILES, PAPER_PIXELS

CONNECTIONS = ("network", "usb", "serial", "file")


class ConfigError(ValueError):
    """The configuration file is wrong; the message says where."""


@dataclass
class PrinterConfig:
    name: str
    connection: str = "network"
    host: str = ""
    port: int = 9100
    device: str = ""  # serial / file device path
    baudrate: int = 19200
    usb_vendor: int = 0
    usb_product: int = 0
    paper_mm: int = 80
    width_px: int = 0
    profile: str = ""
    cutter: bool = True
    drawer_pin: int = 2
    status_query: bool = True  # the printer answers DLE EOT real-time status requests
    timeout: float = 5.0  # seconds for connect and for sending one job
    status_timeout: float = 1.0

    def __post_init__(self):
        if self.connection not in CONNECTIONS:
            raise ConfigError(f"printer {self.name}: connection must be one of {', '.join(CONNECTIONS)}")
        if self.paper_mm not in PAPER_PIXELS:
            raise ConfigError(f"printer {self.name}: paper_mm must be 58 or 80")
        if self.drawer_pin not in (2, 5):
            raise ConfigError(f"printer {self.name}: drawer_pin must be 2 or 5")
        if self.connection == "network" and not self.host:
            raise ConfigError(f"printer {self.name}: a network printer needs a host")
        if self.connection in ("serial", "file") and not self.device:
            raise ConfigError(f"printer {self.name}: a {self.connection} printer needs a device")
        if self.connection == "usb" and not (self.usb_vendor and self.usb_product):
            raise ConfigError(f"printer {self.name}: a usb printer needs usb_vendor and usb_product")
        if self.connection == "file":
            self.status_query = False  # a device file cannot answer
        self.width_px = self.width_px or PAPER_PIXELS[self.paper_mm]
        self.profile = self.profile or DEFAULT_PROFILES[self.paper_mm]


@dataclass
class ScannerConfig:
    source: str = "none"  # none | serial | evdev
    device: str = ""
    baudrate: int = 9600
    poll_timeout: float = 20.0  # long-poll of /hw_proxy/scanner
    allow_injection: bool = False  # POST /hw_proxy_escpos/scan (tests, other local sources)

    def __post_init__(self):
        if self.source not in ("none", "serial", "evdev"):
            raise ConfigError("scanner: source must be none, serial or evdev")
        if self.source != "none" and not self.device:
            raise ConfigError("scanner: a device is needed")


@dataclass
class ProxyConfig:
    host: str = "0.0.0.0"
    port: int = 8069
    cors_origins: tuple = ("*",)
    certfile: str = ""
    keyfile: str = ""
    queue_path: str = "hw_proxy_escpos_queue.sqlite"
    max_request_bytes: int = 4 * 1024 * 1024
    default_printer: str = ""
    retry_base_s: float = 1.0
    retry_max_s: float = 30.0
    probe_interval_s: float = 15.0
    printers: dict = field(default_factory=dict)
    scanner: ScannerConfig = field(default_factory=ScannerConfig)

    def __post_init__(self):
        if bool(self.certfile) != bool(self.keyfile):
            raise ConfigError("proxy: certfile and keyfile go together")
        if not self.printers:
            raise ConfigError("at least one printer must be configured")
        if not self.default_printer:
            self.default_printer = next(iter(self.printers))
        if self.default_printer not in self.printers:
            raise ConfigError(f"proxy: default_printer {self.default_printer} is not configured")

    @property
    def ssl_context(self):
        return (self.certfile, self.keyfile) if self.certfile else None


def _coerce(cls, values, context, **extra):
    """Build a dataclass from strings/JSON values, converting to the annotated types."""
    known = {f.name: f for f in fields(cls)}
    kwargs = dict(extra)
    for key, raw in values.items():
        if key not in known:
            raise ConfigError(f"{context}: unknown option {key!r}")
        kind = known[key].type
        try:
            if kind in ("bool", bool) and isinstance(raw, str):
                value = raw.strip().lower() in ("1", "true", "yes", "on")
            elif kind in ("int", int):
                value = int(raw, 0) if isinstance(raw, str) else int(raw)
            elif kind in ("float", float):
                value = float(raw)
            elif kind in ("tuple", tuple):
                value = tuple(raw.split()) if isinstance(raw, str) else tuple(raw)
            else:
                value = raw
        except (TypeError, ValueError) as error:
            raise ConfigError(f"{context}: bad value for {key}: {raw!r}") from error
        kwargs[key] = value
    return cls(**kwargs)


def from_dict(data):
    printers = {
        name: _coerce(PrinterConfig, values, f"printer {name}", name=name)
        for name, values in (data.get("printers") or {}).items()
    }
    scanner = _coerce(ScannerConfig, data.get("scanner") or {}, "scanner")
    return _coerce(ProxyConfig, data.get("proxy") or {}, "proxy", printers=printers, scanner=scanner)


def load(path):
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() == ".json":
        try:
            return from_dict(json.loads(text))
        except json.JSONDecodeError as error:
            raise ConfigError(f"{path}: invalid JSON ({error})") from error
    parser = configparser.ConfigParser(inline_comment_prefixes=(";", "#"), interpolation=None)
    parser.read_string(text, source=str(path))
    data = {"printers": {}}
    for section in parser.sections():
        values = dict(parser[section])
        if section.startswith("printer:"):
            data["printers"][section.split(":", 1)[1]] = values
        elif section in ("proxy", "scanner"):
            data[section] = values
        else:
            raise ConfigError(f"{path}: unknown section [{section}]")
    return from_dict(data)
