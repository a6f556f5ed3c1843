import json

import pytest
import requests

from odoo.addons.autoparts_fitment.lib import ai_suggest
from odoo.addons.autoparts_fitment.lib.ai_suggest import AiError, parse_suggestions

GOOD = {
    "vehicles": [
        {
            "make": "Volkswagen",
            "model": "Jetta",
            "year_from": 2011,
            "year_to": 2014,
            "engine": "2.0L",
            "position": "front",
            "confidence": 0.9,
            "note": "con ABS",
        },
        {"make": "VW", "model": "Vento", "years": "2016-2019", "confidence": "80%"},
    ]
}


def test_plain_json():
    result = parse_suggestions(json.dumps(GOOD))
    first, second = result.suggestions
    assert (first.make, first.model, first.year_from, first.year_to) == ("Volkswagen", "Jetta", 2011, 2014)
    assert (first.displacement, first.position, first.confidence, first.note) == (2.0, "front", 0.9, "con ABS")
    assert (second.make, second.year_from, second.year_to, second.confidence) == ("Volkswagen", 2016, 2019, 0.8)
    assert result.dropped == []


def test_code_fence_and_prose():
    text = "Claro, aquí están los vehículos:\n```json\n" + json.dumps(GOOD) + "\n```\nEspero que ayude."
    assert len(parse_suggestions(text).suggestions) == 2


def test_prose_without_fence_and_bare_list():
    text = 'Resultado: [{"make": "Nissan", "model": "Versa", "year": 2015, "position": "trasera"}] fin'
    (only,) = parse_suggestions(text).suggestions
    assert (only.make, only.year_from, only.year_to, only.position) == ("Nissan", 2015, 2015, "rear")
    assert only.confidence == ai_suggest.DEFAULT_CONFIDENCE


def test_bad_entries_dropped_good_kept():
    entries = [
        "Nissan Versa 2015",
        {"make": "Nissan"},
        {"make": "Nissan", "model": "Tsuru", "year": "viejo"},
        {"make": "Nissan", "model": "Tsuru", "year": 1850},
        {"make": "Ford", "model": "Ranger", "year_from": 1960, "year_to": 2020},
        {"make": "Ford", "model": "Figo", "year_from": 2018, "year_to": 2016, "confidence": 7, "engine": 1.5},
        {"make": "Kia", "model": "Rio", "years": [2018, 2020, 2019], "confidence": True, "engine": "motor 99L"},
    ]
    result = parse_suggestions(json.dumps({"applications": entries}))
    assert [(s.model, s.year_from, s.year_to) for s in result.suggestions] == [
        ("Figo", 2016, 2018),
        ("Rio", 2018, 2020),
    ]
    figo, rio = result.suggestions
    assert (figo.confidence, figo.displacement) == (0.07, 1.5)
    assert (rio.confidence, rio.displacement) == (ai_suggest.DEFAULT_CONFIDENCE, None)
    assert [index for index, _reason in result.dropped] == [0, 1, 2, 3, 4]


def test_truncated_json_in_fence_falls_back_to_later_json():
    text = '```json\n{"vehicles": [{"make": "Kia"\n```\n{"vehicles": [{"make": "Kia", "model": "Rio", "year": 2019}]}'
    assert [s.model for s in parse_suggestions(text).suggestions] == ["Rio"]


@pytest.mark.parametrize("text", ["", "no sé", '{"vehicles": [', '{"answer": "none"}', "42"])
def test_no_usable_json(text):
    with pytest.raises(AiError):
        parse_suggestions(text)


def test_too_many_entries_capped():
    entries = [{"make": "Kia", "model": "Rio", "year": 2000 + i % 20} for i in range(60)]
    result = parse_suggestions(json.dumps(entries))
    assert len(result.suggestions) == ai_suggest.MAX_SUGGESTIONS
    assert len(result.dropped) == 10


def test_extract_content():
    payload = {"choices": [{"index": 0, "message": {"role": "assistant", "content": "hola"}}]}
    assert ai_suggest.extract_content(payload) == "hola"
    for bad in ({}, {"choices": []}, {"choices": [{"message": {"content": ""}}]}, None):
        with pytest.raises(AiError):
            ai_suggest.extract_content(bad)


@pytest.mark.parametrize(
    ("base", "url"),
    [
        ("https://api.example.com/v1", "https://api.example.com/v1/chat/completions"),
        ("https://api.example.com/", "https://api.example.com/v1/chat/completions"),
        ("http://127.0.0.1:9/v1/chat/completions", "http://127.0.0.1:9/v1/chat/completions"),
    ],
)
def test_chat_url(base, url):
    assert ai_suggest.chat_url(base) == url


def test_build_messages():
    messages = ai_suggest.build_messages({"name": "Balatas delanteras", "default_code": "BP-1", "brand": "Bosch"})
    assert [m["role"] for m in messages] == ["system", "user"]
    assert "Part number: BP-1" in messages[1]["content"]
    assert "JSON" in messages[0]["content"]


def test_request_errors_do_not_leak_the_key(monkeypatch):
    def refuse(*args, **kwargs):
        raise requests.ConnectionError("http://x?key=sk-secret refused")

    monkeypatch.setattr(ai_suggest.requests, "post", refuse)
    with pytest.raises(AiError) as error:
        ai_suggest.request_completion("http://127.0.0.1:9", "sk-secret", "m", [], timeout=0.1)
    assert "sk-secret" not in str(error.value)
