#!/usr/bin/env python3
"""A deliberately broken writer, for the crash campaign's own test: the Python reference adapter, except that it never
cuts a torn tail. It appends after whatever bytes end the file, as a writer that trusts the end of the file does, so a
crash mid-append leaves garbage in the middle of the log and every frame after it is lost to readers.

Usage: python3 no_repair.py DIRECTORY-OF-mesh_adapter.py
"""
import os
import sys

sys.path.insert(0, sys.argv[1])
import mesh_adapter  # noqa: E402


def catch_up_without_repair(self, fd, state):
    length = os.fstat(fd).st_size
    if length < state.end:
        state.offsets, state.end = [], 0
    if length == 0:
        f0 = mesh_adapter.build_frame0()
        os.pwrite(fd, f0, 0)
        state.offsets, state.end = [0], len(f0)
        return 0
    data = os.pread(fd, length - state.end, state.end)
    base, pos = state.end, 0
    while base + pos < length:
        end = mesh_adapter.frame_end(data, pos)
        if end is None:
            state.end = length  # BROKEN: the torn bytes stay, and the next frame goes after them
            return 0
        state.offsets.append(base + pos)
        state.end = base + end
        pos = end
    return 0


mesh_adapter.Adapter.catch_up = catch_up_without_repair
sys.exit(mesh_adapter.main())
