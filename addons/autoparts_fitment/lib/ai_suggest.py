"""AI fitment suggestions: the prompt, an OpenAI-compatible chat-completions call and a tolerant parser.

No ORM here: matching suggestions to the catalogue is the model's job. Language models answer with
code fences, prose around the JSON, percentages instead of fractions, year ranges as strings or
half-broken entries: `parse_suggestions` keeps every usable entry and says why it dropped the others.
"""

import json
import re
from dataclasses import dataclass, field

import requests

MAX_SUGGESTIONS = 50
MAX_YEAR_SPAN = 40
DEFAULT_CONFIDENCE = 0.5

SYSTEM_PROMPT = (
    "You are an auto parts cataloguer for the Mexican market. Given a part, list the vehicles it fits. "
    "Answer ONLY with JSON of the form "
    '{"vehicles": [{"make": "Volkswagen", "model": "Jetta", "year_from": 2011, "year_to": 2014, '
    '"engine": "2.0L", "position": "front", "confidence": 0.8, "note": ""}]}. '
    "confidence is your certainty between 0 and 1. Omit vehicles you are not sure about."
)

_FENCE = re.compile(r"```(?:json|JSON)?\s*(.*?)```", re.S)
_YEARS = re.compile(r"^\s*(\d{4})\s*(?:[-–a]\s*(\d{4}))?\s*$")
_DISPLACEMENT = re.compile(r"(\d{1,2}(?:[.,]\d)?)\s*(?:l|lt|litros?|liters?)?\b", re.I)
_MAKE_ALIASES = {"vw": "Volkswagen", "chevy": "Chevrolet", "gm": "Chevrolet", "mercedes": "Mercedes-Benz"}
_POSITIONS = {
    "front": "front",
    "delantera": "front",
    "delantero": "front",
    "rear": "rear",
    "trasera": "rear",
    "trasero": "rear",
    "left": "left",
    "izquierda": "left",
    "izquierdo": "left",
    "right": "right",
    "derecha": "right",
    "derecho": "right",
    "upper": "upper",
    "superior": "upper",
    "lower": "lower",
    "inferior": "lower",
}


class AiError(Exception):
    """The endpoint could not give a usable answer (network, HTTP status, protocol, no JSON)."""


@dataclass
class Suggestion:
    make: str
    model: str
    year_from: int
    year_to: int
    displacement: float | None = None
    position: str | None = None
    confidence: float = DEFAULT_CONFIDENCE
    note: str = ""


@dataclass
class ParseResult:
    suggestions: list = field(default_factory=list)
    dropped: list = field(default_factory=list)  # (index, reason)


def build_messages(part):
    """Chat messages for a part: dict with name, default_code, brand, category, interchange numbers."""
    lines = [f"Part: {part.get('name') or ''}"]
    for key, label in (
        ("default_code", "Part number"),
        ("brand", "Brand"),
        ("category", "Category"),
        ("interchange", "Interchange numbers"),
        ("description", "Description"),
    ):
        if part.get(key):
            lines.append(f"{label}: {part[key]}")
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": "\n".join(lines)}]


def chat_url(base_url):
    """Accept `https://host/v1`, `https://host` or the full `/v1/chat/completions` URL."""
    url = (base_url or "").strip().rstrip("/")
    if url.endswith("/chat/completions"):
        return url
    if not url.endswith("/v1"):
        url += "/v1"
    return url + "/chat/completions"


def request_completion(base_url, api_key, model, messages, timeout=10.0):
    """POST a chat completion; return the assistant's text. Raise AiError on any failure.

    The key goes only in the Authorization header; error messages never contain it.
    """
    headers = {"Content-Type": "application/json"}
    if api_key:
        headers["Authorization"] = f"Bearer {api_key}"
    body = {"model": model, "messages": messages, "temperature": 0}
    try:
        response = requests.post(chat_url(base_url), json=body, headers=headers, timeout=timeout)
    except requests.Timeout:
        raise AiError(f"timeout after {timeout}s") from None
    except requests.RequestException as error:
        raise AiError(f"connection error: {type(error).__name__}") from None
    if response.status_code != 200:
        raise AiError(f"HTTP {response.status_code}")
    try:
        return extract_content(response.json())
    except ValueError:
        raise AiError("the answer is not JSON") from None


def extract_content(payload):
    """`choices[0].message.content` of a chat-completions answer."""
    try:
        content = payload["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError):
        raise AiError("unexpected chat-completions payload") from None
    if not isinstance(content, str) or not content.strip():
        raise AiError("empty answer")
    return content


def find_json(text):
    """The first JSON object or array in `text` (inside code fences or surrounded by prose)."""
    candidates = [m.group(1) for m in _FENCE.finditer(text)] + [text]
    decoder = json.JSONDecoder()
    for candidate in candidates:
        for index, char in enumerate(candidate):
            if char not in "{[":
                continue
            try:
                value, _end = decoder.raw_decode(candidate, index)
            except ValueError:
                continue
            if isinstance(value, (dict, list)):
                return value
    raise AiError("no JSON in the answer")


def parse_suggestions(text):
    """Parse the assistant's text into a ParseResult; raise AiError if there is no usable JSON."""
    value = find_json(text)
    if isinstance(value, dict):
        entries = next(
            (value[k] for k in ("vehicles", "applications", "fitments", "results") if isinstance(value.get(k), list)),
            [value] if "make" in value else None,
        )
        if entries is None:
            raise AiError("the JSON has no list of vehicles")
    else:
        entries = value
    result = ParseResult()
    for index, entry in enumerate(entries[:MAX_SUGGESTIONS]):
        try:
            result.suggestions.append(_suggestion(entry))
        except ValueError as error:
            result.dropped.append((index, str(error)))
    result.dropped += [(index, "too many entries") for index in range(MAX_SUGGESTIONS, len(entries))]
    return result


def _suggestion(entry):
    if not isinstance(entry, dict):
        raise ValueError("not an object")
    make = _text(entry.get("make") or entry.get("brand"))
    model = _text(entry.get("model"))
    if not make or not model:
        raise ValueError("make or model missing")
    make = _MAKE_ALIASES.get(make.lower(), make)
    year_from, year_to = _years(entry)
    return Suggestion(
        make=make,
        model=model,
        year_from=year_from,
        year_to=year_to,
        displacement=_displacement(entry.get("engine") or entry.get("displacement")),
        position=_POSITIONS.get(_text(entry.get("position")).lower()),
        confidence=_confidence(entry.get("confidence")),
        note=_text(entry.get("note") or entry.get("notes"))[:200],
    )


def _text(value):
    return value.strip() if isinstance(value, str) else ""


def _year(value):
    if isinstance(value, bool):
        raise ValueError("bad year")
    if isinstance(value, (int, float)):
        year = int(value)
    elif isinstance(value, str) and value.strip().isdigit():
        year = int(value.strip())
    else:
        raise ValueError(f"bad year {value!r}")
    if not 1900 <= year <= 2100:
        raise ValueError(f"year {year} out of range")
    return year


def _years(entry):
    years = entry.get("years")
    if isinstance(years, str) and (match := _YEARS.match(years)):
        year_from, year_to = int(match.group(1)), int(match.group(2) or match.group(1))
    elif isinstance(years, list) and years:
        numbers = [_year(y) for y in years]
        year_from, year_to = min(numbers), max(numbers)
    elif entry.get("year") is not None:
        year_from = year_to = _year(entry["year"])
    elif entry.get("year_from") is not None:
        year_from = _year(entry["year_from"])
        year_to = _year(entry["year_to"]) if entry.get("year_to") is not None else year_from
    else:
        raise ValueError("no year")
    for year in (year_from, year_to):
        _year(year)
    year_from, year_to = min(year_from, year_to), max(year_from, year_to)
    if year_to - year_from > MAX_YEAR_SPAN:
        raise ValueError("year range too wide")
    return year_from, year_to


def _displacement(value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str) and (match := _DISPLACEMENT.search(value)):
        number = float(match.group(1).replace(",", "."))
    else:
        return None
    return round(number, 1) if 0.5 <= number <= 10 else None


def _confidence(value):
    if isinstance(value, str):
        value = value.strip().rstrip("%")
        try:
            value = float(value)
        except ValueError:
            return DEFAULT_CONFIDENCE
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return DEFAULT_CONFIDENCE
    if 1 < value <= 100:
        value = value / 100
    return round(min(max(float(value), 0.0), 1.0), 2)
