#!/usr/bin/env python3
"""A deliberately broken writer, for the crash campaign's own test: the Python reference adapter, except that it
acknowledges an append at once and writes it only when the next request comes (a write-behind buffer that is not
flushed before the reply). A crash between the two loses a frame the writer had acknowledged.

Usage: python3 ack_before_write.py DIRECTORY-OF-mesh_adapter.py
"""
import sys

sys.path.insert(0, sys.argv[1])
import mesh_adapter  # noqa: E402


class WriteBehind(mesh_adapter.Adapter):
    def __init__(self):
        super().__init__()
        self.pending = None

    def handle(self, req):
        if self.pending is not None:
            pending, self.pending = self.pending, None
            super().append(pending)
        if req.get("op") == "append" and req.get("tearAt") is None:
            self.pending = req  # BROKEN: acknowledged before it is written
            return {"ok": True, "index": -1, "lockWaitUs": 0, "repairedBytes": 0}
        return super().handle(req)


mesh_adapter.Adapter = WriteBehind
sys.exit(mesh_adapter.main())
