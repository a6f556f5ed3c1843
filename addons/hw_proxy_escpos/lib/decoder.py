"""A small ESC/POS stream decoder.

It understands the commands the proxy emits (init, raster image, cut, drawer kick, native QR, text,
real-time status queries) and skips the usual one-argument mode commands. It is used by the tests to
assert what reached a printer and by the fake printer to answer ``DLE EOT`` status queries.
"""

from dataclasses import dataclass, field

ESC, GS, DLE, LF = 0x1B, 0x1D, 0x10, 0x0A

# ESC commands followed by exactly one argument byte (mode settings)
_ESC_ONE_ARG = set(b"!-EGMRSTVJadet{3U c")
_ESC_NO_ARG = set(b"@2")
_GS_ONE_ARG = set(b"!BHLfhwab")


@dataclass
class Command:
    name: str
    args: dict = field(default_factory=dict)
    offset: int = 0


class Incomplete(Exception):
    """The buffer ends in the middle of a command."""


def _need(data, pos, count):
    if pos + count > len(data):
        raise Incomplete()
    return data[pos : pos + count]


def _esc(data, pos):
    code = _need(data, pos + 1, 1)[0]
    if code in _ESC_NO_ARG:
        return Command("init" if code == ord("@") else "esc_" + chr(code)), pos + 2
    if code == ord("p"):
        pin_byte, on_ms, off_ms = _need(data, pos + 2, 3)
        pin = 2 if pin_byte in (0, 48) else 5
        return Command("drawer", {"pin": pin, "on": on_ms, "off": off_ms}), pos + 5
    if code == ord("*"):
        mode, low, high = _need(data, pos + 2, 3)
        width = low + 256 * high
        size = width * (3 if mode in (32, 33) else 1)
        _need(data, pos + 5, size)
        return Command("column_image", {"mode": mode, "width": width}), pos + 5 + size
    if code in _ESC_ONE_ARG:
        arg = _need(data, pos + 2, 1)[0]
        name = "feed" if code == ord("d") else "esc_" + chr(code)
        return Command(name, {"n": arg}), pos + 3
    return Command("unknown", {"bytes": bytes([ESC, code])}), pos + 2


def _gs_paren(data, pos):
    func = _need(data, pos + 2, 1)[0]
    low, high = _need(data, pos + 3, 2)
    length = low + 256 * high
    body = _need(data, pos + 5, length)
    end = pos + 5 + length
    if func == ord("k") and length >= 2 and body[0] == 49:
        fn = body[1]
        if fn == 80:
            return Command("qr_store", {"data": bytes(body[3:])}), end
        if fn == 81:
            return Command("qr_print"), end
        return Command("qr_setting", {"fn": fn, "n": body[2:]}), end
    return Command("gs_paren_" + chr(func), {"length": length}), end


def _gs(data, pos):
    code = _need(data, pos + 1, 1)[0]
    if code == ord("v"):
        header = _need(data, pos + 2, 6)
        if header[0] != ord("0"):
            return Command("unknown", {"bytes": bytes([GS, code])}), pos + 2
        width_bytes = header[2] + 256 * header[3]
        height = header[4] + 256 * header[5]
        size = width_bytes * height
        pixels = _need(data, pos + 8, size)
        return (
            Command(
                "raster",
                {"mode": header[1], "width": width_bytes * 8, "height": height, "ink": sum(map(int.bit_count, pixels))},
            ),
            pos + 8 + size,
        )
    if code == ord("V"):
        mode = _need(data, pos + 2, 1)[0]
        if mode in (65, 66, 97, 98, 103, 104):
            feed = _need(data, pos + 3, 1)[0]
            return Command("cut", {"mode": mode, "feed": feed, "partial": mode in (66, 98, 104)}), pos + 4
        return Command("cut", {"mode": mode, "feed": 0, "partial": mode in (1, 49)}), pos + 3
    if code == ord("("):
        return _gs_paren(data, pos)
    if code in _GS_ONE_ARG:
        return Command("gs_" + chr(code), {"n": _need(data, pos + 2, 1)[0]}), pos + 3
    return Command("unknown", {"bytes": bytes([GS, code])}), pos + 2


def _text(data, pos):
    end = pos
    while end < len(data) and data[end] not in (ESC, GS, DLE, LF) and (data[end] >= 0x20 or data[end] == 0x09):
        end += 1
    if end == pos:
        return Command("unknown", {"bytes": bytes(data[pos : pos + 1])}), pos + 1
    return Command("text", {"text": bytes(data[pos:end])}), end


def decode_prefix(data, start=0):
    """Decode commands from ``start``; return (commands, offset after the last complete command)."""
    commands = []
    pos = start
    while pos < len(data):
        byte = data[pos]
        try:
            if byte == ESC:
                command, end = _esc(data, pos)
            elif byte == GS:
                command, end = _gs(data, pos)
            elif byte == DLE:
                kind, arg = _need(data, pos + 1, 2)
                if kind != 0x04:
                    command, end = Command("unknown", {"bytes": bytes([DLE, kind])}), pos + 2
                else:
                    command, end = Command("status_query", {"n": arg}), pos + 3
            elif byte == LF:
                command, end = Command("newline"), pos + 1
            else:
                command, end = _text(data, pos)
        except Incomplete:
            break
        command.offset = pos
        commands.append(command)
        pos = end
    return commands, pos


def decode(data):
    """Decode a complete byte stream; raise ``ValueError`` if it ends mid-command."""
    commands, end = decode_prefix(data)
    if end != len(data):
        raise ValueError(f"truncated ESC/POS command at byte {end} of {len(data)}")
    return commands


def names(data):
    """The command names of a complete stream (handy for assertions)."""
    return [command.name for command in decode(data)]
