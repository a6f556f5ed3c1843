"""Streaming, safe reader of ACES application files (4.2 and 5.0 element names).

The file is read with `lxml.etree.iterparse` and every `App` element is cleared once read, so a
100 MB file never sits in memory. No DTD is loaded, no entity resolved, no network used, and a
document declaring a DOCTYPE (the vehicle of XXE and "billion laughs") is refused outright.
"""

import csv
import io
from dataclasses import dataclass, field

from lxml import etree

from .normalize import normalize_part_number

# part numbers mature importers skip: placeholders, not parts
PLACEHOLDER_PARTS = {"", "NA", "N/A", "NR", "NONE"}

# PCdb positions the counter distinguishes; others are kept in the note
POSITION_IDS = {
    "1": "front",
    "22": "front",
    "30": "rear",
    "2": "rear",
    "12": "front_left",
    "13": "front_right",
    "72": "rear_left",
    "73": "rear_right",
}


class AcesError(ValueError):
    """The file cannot be imported; nothing of it must be written. `line` is where it failed."""

    def __init__(self, code, message, line=None):
        super().__init__(f"line {line}: {message}" if line else message)
        self.code = code
        self.line = line


@dataclass
class Application:
    line: int
    action: str
    app_id: str
    part_number: str
    brand: str = ""
    base_vehicle_id: int | None = None
    year_from: int | None = None
    year_to: int | None = None
    make_id: int | None = None
    model_id: int | None = None
    make: str = ""
    model: str = ""
    submodel_id: int | None = None
    engine_base_id: int | None = None
    engine: str = ""
    part_type_id: str = ""
    position_id: str = ""
    position: str | None = None
    quantity: float = 1.0
    notes: list = field(default_factory=list)

    @property
    def part_number_normalized(self):
        return normalize_part_number(self.part_number)

    @property
    def note(self):
        return "; ".join(self.notes)


def _int(value, what, line):
    if value in (None, ""):
        return None
    try:
        return int(value)
    except ValueError:
        raise AcesError("value", f"{what} {value!r} is not a number", line) from None


def _text(element):
    return (element.text or "").strip()


def _read_app(app):
    line = app.sourceline
    action = (app.get("action") or "A").upper()
    if action not in ("A", "D"):
        raise AcesError("action", f"App action {action!r} is neither A nor D", line)
    app_id = (app.get("id") or "").strip()
    if not app_id:
        raise AcesError("app_id", "App without id", line)
    record = Application(line=line, action=action, app_id=app_id, part_number="")
    for child in app:
        if not isinstance(child.tag, str):
            continue  # comments, processing instructions
        _read_child(record, child)
    return record


def _read_child(record, child):
    tag, line = child.tag, child.sourceline
    if tag == "BaseVehicle":
        record.base_vehicle_id = _int(child.get("id"), "BaseVehicle id", line)
    elif tag == "Years":
        record.year_from = _int(child.get("from"), "Years from", line)
        record.year_to = _int(child.get("to"), "Years to", line)
    elif tag == "Make":
        record.make_id = _int(child.get("id"), "Make id", line)
        record.make = _text(child)
    elif tag == "Model":
        record.model_id = _int(child.get("id"), "Model id", line)
        record.model = _text(child)
    elif tag == "SubModel":
        record.submodel_id = _int(child.get("id"), "SubModel id", line)
    elif tag == "EngineBase":
        record.engine_base_id = _int(child.get("id"), "EngineBase id", line)
    elif tag == "Qty":
        try:
            record.quantity = float(_text(child) or 1)
        except ValueError:
            raise AcesError("value", f"Qty {_text(child)!r} is not a number", line) from None
    elif tag in ("PartType", "PartTerminology"):
        record.part_type_id = child.get("id") or ""
    elif tag == "Position":
        record.position_id = child.get("id") or ""
        record.position = POSITION_IDS.get(record.position_id)
        if record.position is None and _text(child):
            record.notes.append(_text(child))
    elif tag in ("Part", "PartNumber"):
        record.part_number = _text(child)
        record.brand = child.get("BrandAAIAID") or child.get("BrandID") or child.get("SubBrandID") or ""
    elif tag == "Note" and _text(child):
        record.notes.append(_text(child))
    elif tag == "Qual":
        text = child.findtext("text")
        if text and text.strip():
            record.notes.append(text.strip())


def iter_applications(source, header=None):
    """Yield an `Application` per `App` of an ACES file (path or binary file object).

    `header`, when a dict, receives the Header fields (SubmissionType, ...) and the Footer's
    RecordCount. Raises AcesError with the line of the problem for malformed or unsafe files.
    """
    context = etree.iterparse(
        source,
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    depth = 0
    section = None
    try:
        for event, element in context:
            if event == "start":
                depth += 1
                if depth == 1:
                    _check_root(element)
                elif depth == 2 and element.tag in ("Header", "Footer"):
                    section = element.tag
                continue
            depth -= 1
            if element.tag == "App" and depth == 1:
                yield _read_app(element)
                element.clear(keep_tail=False)
                _drop_previous(element)
            elif depth == 2 and section and header is not None:
                header[element.tag] = _text(element)
            elif depth == 1:
                section = None
                element.clear()
                _drop_previous(element)
    except etree.XMLSyntaxError as error:
        raise AcesError("syntax", error.msg, error.lineno) from None


def _check_root(root):
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise AcesError("doctype", "DOCTYPE/ENTITY declarations are not accepted in ACES files", root.sourceline)
    if root.tag != "ACES":
        raise AcesError("root", f"root element is {root.tag!r}, not ACES", root.sourceline)


def _drop_previous(element):
    # the root keeps references to processed siblings: drop them so memory stays flat
    parent = element.getparent()
    while parent is not None and element.getprevious() is not None:
        del parent[0]


CSV_COLUMNS = ("year_from", "year_to", "make", "model", "engine", "part_number", "brand", "position", "qty", "note")


def iter_csv(source):
    """Yield an `Application` per row of the shop CSV (columns CSV_COLUMNS, header line required).

    `source` is a text file object. The row key is a hash-free natural key so a re-import
    updates rather than duplicates.
    """
    reader = csv.DictReader(source)
    missing = set(CSV_COLUMNS[:6]) - set(reader.fieldnames or ())
    if missing:
        raise AcesError("columns", f"missing CSV columns: {', '.join(sorted(missing))}", 1)
    for row in reader:
        line = reader.line_num
        get = lambda key: (row.get(key) or "").strip()  # noqa: E731, B023
        year_from = _int(get("year_from"), "year_from", line)
        year_to = _int(get("year_to"), "year_to", line) or year_from
        if year_from is None:
            raise AcesError("value", "year_from is required", line)
        quantity = get("qty") or "1"
        try:
            quantity = float(quantity)
        except ValueError:
            raise AcesError("value", f"qty {quantity!r} is not a number", line) from None
        key = "|".join(
            [get("make"), get("model"), get("engine"), normalize_part_number(get("part_number")), get("brand")]
        ).upper()
        record = Application(
            line=line,
            action="A",
            app_id=f"{key}|{year_from}-{year_to}|{get('position')}",
            part_number=get("part_number"),
            brand=get("brand"),
            year_from=year_from,
            year_to=year_to,
            make=get("make"),
            model=get("model"),
            engine=get("engine"),
            position=get("position").lower() or None,
            quantity=quantity,
        )
        if get("note"):
            record.notes.append(get("note"))
        yield record


def open_text(data):
    """Bytes of an uploaded CSV as text (UTF-8 with or without BOM, else Latin-1 from Excel)."""
    try:
        return io.StringIO(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return io.StringIO(data.decode("latin-1"))
