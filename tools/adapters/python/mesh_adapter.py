#!/usr/bin/env python3
"""Mesh conformance adapter, protocol version 1 (docs/adapter-protocol.md). Standard library only.

A long-lived process that reads one JSON request per line on stdin and writes one JSON reply per line on stdout.
It appends Merkle catalog frames byte-exact with our writer (ContainerWriter, FrameShape.Catalog, DareVocabulary.Dare12)
following the append protocol of docs/bindings.md X-6 under the X-1 lock (exclusive flock on <root>/.mesh-lock).
"""
import base64
import datetime
import fcntl
import hashlib
import json
import os
import signal
import sys
import time

PROTOCOL = 1
IMPLEMENTATION = "python-reference"
CAPABILITIES = ["append", "hold", "read", "reopen", "tear"]
LOCK_FILE_NAME = ".mesh-lock"
WRAP_COLUMN = 63
ZERO = bytes(64)


# ---------------------------------------------------------------- Goedel JSON (formats.md §1.4)

def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text):
    text = "".join(ch for ch in text if ch.isalnum() or ch in "-_")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def wrapped_base64(data, name):
    """base64url wrapped as the reference writer does: the logical column starts at 5 + len(name);
    past column 63 a LF and two spaces are inserted, then 62 characters per line."""
    plain = b64url(data)
    out = []
    column = 1 + 4 + len(name)
    i = 0
    while i < len(plain):
        room = WRAP_COLUMN - column
        if room <= 0:
            out.append("\n  ")
            column = 1
            continue
        run = plain[i:i + room]
        out.append(run)
        i += len(run)
        column += len(run)
    return "".join(out)


def json_string(value):
    out = ['"']
    for c in value:
        if c == '"':
            out.append('\\"')
        elif c == "\\":
            out.append("\\\\")
        elif c >= " ":
            out.append(c)
        elif c == "\b":
            out.append("\\b")
        elif c == "\f":
            out.append("\\f")
        elif c == "\n":
            out.append("\\n")
        elif c == "\r":
            out.append("\\r")
        else:
            out.append("\\u%04X" % ord(c))
    out.append('"')
    return "".join(out)


class Binary:
    def __init__(self, data):
        self.data = data


def goedel(members, depth=1):
    """members: list of (name, value); value is str, int, Binary or a nested list of members."""
    parts = ["{"]
    for n, (name, value) in enumerate(members):
        if n:
            parts.append(",")
        parts.append("\n" + "  " * depth + json_string(name) + ": ")
        if isinstance(value, Binary):
            parts.append('"' + wrapped_base64(value.data, name) + '"')
        elif isinstance(value, list):
            parts.append(goedel(value, depth + 1))
        elif isinstance(value, bool):
            parts.append("true" if value else "false")
        elif isinstance(value, int):
            parts.append(str(value))
        else:
            parts.append(json_string(value))
    parts.append("}")
    return "".join(parts)


# ---------------------------------------------------------------- digests (formats.md §1.6, §1.7)

def sha512(data):
    return hashlib.sha512(data).digest()


def fold_with_zero(digest, folds):
    for _ in range(folds):
        digest = sha512(ZERO + digest)
    return digest


def trailing_zeros(n):
    return (n & -n).bit_length() - 1


def tree_digest(payload_digest, index, catalog):
    """TreeDigest = C^k(PD), C(x) = SHA-512(64 zero bytes || x); k = 1 for frame 0, else 1 + tz(Index + 1) in
    catalogs (1 + tz(Index + 2) for Sequence.Append)."""
    folds = 1 if index == 0 else 1 + trailing_zeros(index + 1 if catalog else index + 2)
    return fold_with_zero(payload_digest, folds)


def previous_frame(n):
    """The frame whose offset frame n stores as TreePosition (dare Appendix C)."""
    x2, d = n + 1, 1
    while x2 > 0:
        if x2 & 1:
            return d // 2 - 1 if x2 == 1 else n - d
        d *= 2
        x2 //= 2
    return 0


# ---------------------------------------------------------------- framing (formats.md §1.1)

def shortest_width(length):
    return 1 if length < 0x100 else 2 if length < 0x10000 else 4 if length < 0x100000000 else 8


def width_code(width):
    return {1: 0, 2: 1, 4: 2, 8: 3}[width]


def record(data):
    w = shortest_width(len(data))
    return bytes([0xF0 + width_code(w)]) + len(data).to_bytes(w, "big") + data


def frame(header, payload, trailer):
    body = record(header) + record(payload) + record(trailer)
    w = shortest_width(len(body))
    tag = bytes([0xF4 + width_code(w)])
    return tag + len(body).to_bytes(w, "big") + body + len(body).to_bytes(w, "little") + tag


def frame_end(data, offset):
    """The end of the frame at offset if it is whole: its leading tag and length, and the trailing length and tag they
    promise, all present and agreeing. None when it is not (an append in progress or a torn tail). A whole frame with
    broken records inside is still whole: it stays, and the checker reports it (bindings.md X-6)."""
    n = len(data)
    if offset >= n or not 0xF4 <= data[offset] <= 0xF7:
        return None
    tag = data[offset]
    w = 1 << (tag & 3)
    if offset + 1 + w > n:
        return None
    length = int.from_bytes(data[offset + 1:offset + 1 + w], "big")
    start = offset + 1 + w
    end = start + length + w + 1
    if end > n:
        return None
    if int.from_bytes(data[start + length:start + length + w], "little") != length or data[end - 1] != tag:
        return None
    return end


def utc_now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def content_meta(members):
    return goedel(members).encode("utf-8")


def build_frame0():
    payload = b""
    pd = sha512(payload)
    header = goedel([
        ("dig", "S512"),
        ("ContentMetaData", Binary(content_meta([("cty", "application/mmm-catalog")]))),
        ("SequenceInfo", [("DataEncoding", "JSON"), ("ContainerType", "Merkle"), ("Index", 0)]),
    ]).encode("utf-8")
    trailer = goedel([("PayloadDigest", Binary(pd)), ("TreeDigest", Binary(tree_digest(pd, 0, True)))]).encode("utf-8")
    return frame(header, payload, trailer)


def build_frame(index, tree_position, unique_id, payload, received=None):
    pd = sha512(payload)
    header = goedel([
        ("PayloadDigest", Binary(pd)),
        ("TreeDigest", Binary(tree_digest(pd, index, True))),
        ("ContentMetaData", Binary(content_meta([("UniqueId", unique_id), ("Event", "New")]))),
        ("SequenceInfo", [("Index", index), ("TreePosition", tree_position)]),
        ("Received", received or utc_now()),
    ]).encode("utf-8")
    return frame(header, payload, b"{}")


# ---------------------------------------------------------------- the lock (bindings.md X-1)

class MeshLock:
    """Exclusive flock on <root>/.mesh-lock, the file opened with os.open (never through anything that takes
    another lock). The kernel releases it if we die."""

    def __init__(self, root, timeout=30.0):
        self.path = os.path.join(os.path.realpath(root), LOCK_FILE_NAME)
        self.timeout = timeout
        self.fd = None

    def __enter__(self):
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        # Closing the descriptor releases the lock whether or not it was granted, so any failure below — including a
        # timeout that fires just after the lock was granted — closes it and leaves no lock behind.
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                # Contended: wait in the kernel (a blocked flock is woken when the lock is released; polling starves
                # under contention, bindings.md X-5), with SIGALRM as the timeout flock(2) lacks.
                def give_up(signum, frame):
                    raise TimeoutError("timed out waiting for the lock " + self.path)
                previous = signal.signal(signal.SIGALRM, give_up)
                try:
                    signal.setitimer(signal.ITIMER_REAL, self.timeout)
                    fcntl.flock(fd, fcntl.LOCK_EX)
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                    signal.signal(signal.SIGALRM, previous)
        except BaseException:
            os.close(fd)
            raise
        self.fd = fd
        return self

    def __exit__(self, *exc):
        try:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
        finally:
            os.close(self.fd)
            self.fd = None


# ---------------------------------------------------------------- containers

class ContainerState:
    """What an appender knows of one container: every frame's offset and the end of the last whole frame."""

    def __init__(self):
        self.offsets = []
        self.end = 0


class Adapter:
    def __init__(self):
        self.states = {}

    def catch_up(self, fd, state):
        """X-6, under the lock: learn the frames added since our last look; cut a torn tail; write frame 0 if empty.
        Returns how many bytes of torn tail were cut."""
        length = os.fstat(fd).st_size
        if length < state.end:
            state.offsets, state.end = [], 0
        if length == 0:
            f0 = build_frame0()
            os.pwrite(fd, f0, 0)
            state.offsets, state.end = [0], len(f0)
            return 0
        if length == state.end:
            return 0
        data = os.pread(fd, length - state.end, state.end)
        base = state.end
        pos = 0
        while base + pos < length:
            end = frame_end(data, pos)
            if end is None:
                if not state.offsets:
                    raise ValueError("the file does not start with a DARE frame; refusing to append to it")
                os.ftruncate(fd, base + pos)
                return length - (base + pos)
            state.offsets.append(base + pos)
            state.end = base + end
            pos = end
        return 0

    def append(self, req):
        path = os.path.realpath(req["container"])
        payload = b64url_decode(req.get("payload", ""))
        unique_id = req["uniqueId"]
        if req.get("type", "Merkle") != "Merkle":
            raise ValueError("this adapter writes Merkle catalogs only")
        tear_at = req.get("tearAt")
        if tear_at is not None and not (isinstance(tear_at, (int, float)) and 0 < tear_at < 1):
            raise ValueError("tearAt must be a number between 0 and 1 (exclusive)")
        if req.get("reopen"):
            self.states.pop(path, None)  # a writer that reopens per append knows nothing from its last one
        state = self.states.setdefault(path, ContainerState())
        asked = time.monotonic()
        with MeshLock(req["root"]):
            waited_us = int((time.monotonic() - asked) * 1e6)
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                repaired = self.catch_up(fd, state)
                index = len(state.offsets)
                data = build_frame(index, state.offsets[previous_frame(index)], unique_id, payload, req.get("received"))
                if tear_at is not None:
                    # Crash test: part of the frame, then die holding the lock, as a writer killed mid-append does.
                    keep = min(max(int(len(data) * tear_at), 1), len(data) - 1)
                    os.pwrite(fd, data[:keep], state.end)
                    os.kill(os.getpid(), signal.SIGKILL)
                os.pwrite(fd, data, state.end)
                if req.get("durable"):
                    os.fsync(fd)
                state.offsets.append(state.end)
                state.end += len(data)
            except BaseException:
                state.offsets, state.end = [], 0  # learn it again next time
                raise
            finally:
                os.close(fd)
        return {"ok": True, "index": index, "lockWaitUs": waited_us, "repairedBytes": repaired}

    def read(self, req):
        with open(req["container"], "rb") as f:
            data = f.read()
        count, pos, last = 0, 0, None
        while pos < len(data):
            end = frame_end(data, pos)
            if end is None:
                break
            if count > 0:
                last = self.header_index(data, pos, count)
            count += 1
            pos = end
        return {"ok": True, "frames": count, "lastIndex": last if last is not None else (count - 1 if count else None)}

    @staticmethod
    def header_index(data, offset, fallback):
        try:
            w = 1 << (data[offset] & 3)
            p = offset + 1 + w
            rw = 1 << (data[p] & 3)
            rl = int.from_bytes(data[p + 1:p + 1 + rw], "big")
            text = data[p + 1 + rw:p + 1 + rw + rl].decode("utf-8")
            header = json.loads(text, strict=False)
            return header["SequenceInfo"]["Index"]
        except Exception:
            return fallback

    def handle(self, req):
        op = req.get("op")
        if op == "hello":
            return {"ok": True, "protocol": PROTOCOL, "implementation": IMPLEMENTATION, "capabilities": CAPABILITIES,
                    "types": ["Merkle"]}
        if op == "append":
            return self.append(req)
        if op == "hold":
            with MeshLock(req["root"]):
                time.sleep(max(0, req.get("ms", 0)) / 1000.0)
            return {"ok": True}
        if op == "read":
            return self.read(req)
        raise ValueError("unknown op: %r" % (op,))


def main():
    adapter = Adapter()
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            req = json.loads(line)
            if not isinstance(req, dict):
                raise ValueError("a request is a JSON object")
            if req.get("op") == "quit":
                reply({"ok": True})
                return 0
            result = adapter.handle(req)
        except Exception as e:  # every error is a reply, never a crash
            result = {"ok": False, "error": "%s: %s" % (type(e).__name__, e)}
        reply(result)
    return 0


def reply(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
