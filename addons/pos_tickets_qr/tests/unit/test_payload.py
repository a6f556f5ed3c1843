import pytest

from odoo.addons.pos_tickets_qr.lib import payload as p

SECRET = "s3cret-for-tests"


def test_roundtrip():
    token = p.new_token()
    qr = p.sign(SECRET, 7, token)
    assert qr.startswith("PTQ1.7.")
    assert p.verify(SECRET, qr) == (7, token)
    assert p.verify(SECRET, f"  {qr}\n") == (7, token)


def test_tokens_are_unique_and_secret_long():
    assert len({p.new_token() for _ in range(200)}) == 200
    assert len(p.new_secret()) == 64


def test_wrong_key_is_forged():
    qr = p.sign(SECRET, 7, p.new_token())
    with pytest.raises(p.PayloadError) as err:
        p.verify("another-secret", qr)
    assert err.value.reason == "forged"


@pytest.mark.parametrize("part", [1, 2, 3])
def test_tampered_part_is_detected(part):
    qr = p.sign(SECRET, 7, p.new_token())
    pieces = qr.split(".")
    if part == 1:
        pieces[1] = "8"
    else:
        chars = list(pieces[part])
        chars[5] = "A" if chars[5] != "A" else "B"
        pieces[part] = "".join(chars)
    with pytest.raises(p.PayloadError) as err:
        p.verify(SECRET, ".".join(pieces))
    assert err.value.reason == "forged"


def test_truncated_is_malformed():
    qr = p.sign(SECRET, 7, p.new_token())
    for cut in (1, 10, len(qr) // 2):
        with pytest.raises(p.PayloadError) as err:
            p.verify(SECRET, qr[:-cut])
        assert err.value.reason == "malformed"


@pytest.mark.parametrize(
    "bad",
    [
        None,
        42,
        "",
        "hello",
        "PTQ1",
        "PTQ2.1.aaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbb",
        "PTQ1.0.aaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbb",
        "PTQ1.1.aaaaaaaaaaaaaaaaaaaa!!.bbbbbbbbbbbbbbbbbbbbbb",
        "PTQ1." + "x" * 300,
        "https://example.com/?q=1",
    ],
)
def test_malformed(bad):
    with pytest.raises(p.PayloadError) as err:
        p.verify(SECRET, bad)
    assert err.value.reason == "malformed"


def test_sign_refuses_bad_input():
    with pytest.raises(ValueError):
        p.sign("", 1, p.new_token())
    with pytest.raises(ValueError):
        p.sign(SECRET, 0, p.new_token())
    with pytest.raises(ValueError):
        p.sign(SECRET, 1, "short")
