#!/usr/bin/env python3
"""Sets each slow request of bench/cold-tail.sh beside what overlapped it in time.

    python3 bench/slow-requests.py SLOW GC_LOG GATEWAY_LOG

SLOW: "end-ms latency-ms" per request (bench/raw-latency.lua's SLOW_OUT, wall clock); GC_LOG: the JVM's
-Xlog:gc with the timemillis decoration (a line at the end of each pause, with its length); GATEWAY_LOG: the
gateway's console log with the usage recorder at DEBUG ("Wrote usage of N key-minutes in D ms", at the end of each
flush). A request counts under the first of: a collector pause, a usage flush, neither.
"""
import re
import sys
from datetime import datetime


def windows_gc(path):
    for line in open(path):
        m = re.match(r"\[(\d+)ms\].*Pause.* ([\d.]+)ms$", line.strip())
        if m:
            end = float(m.group(1))
            yield end - float(m.group(2)), end


def windows_flush(path):
    for line in open(path):
        m = re.search(r"Wrote usage of (\d+) key-minutes in (\d+) ms", line)
        if m:
            end = datetime.fromisoformat(line.split()[0]).timestamp() * 1000
            yield end - float(m.group(2)), end, int(m.group(1))


def main(slow_path, gc_path, log_path):
    slow = [tuple(map(float, line.split())) for line in open(slow_path) if line.strip()]
    if not slow:
        print("no request over 1 ms")
        return
    first, last = min(e - l for e, l in slow), max(e for e, _ in slow)
    gc = [w for w in windows_gc(gc_path) if w[1] >= first and w[0] <= last]
    flushes = [w for w in windows_flush(log_path) if w[1] >= first and w[0] <= last]

    def overlaps(start, end, windows):
        return any(w[0] <= end and w[1] >= start for w in windows)

    kinds = {"a collector pause": [], "a usage flush": [], "neither": []}
    for end, latency in slow:
        start = end - latency
        kind = ("a collector pause" if overlaps(start, end, gc)
                else "a usage flush" if overlaps(start, end, flushes) else "neither")
        kinds[kind].append(latency)
    for kind, latencies in kinds.items():
        latencies.sort()
        spread = f", {latencies[0]:.2f}-{latencies[-1]:.2f} ms" if latencies else ""
        print(f"{len(latencies):6d} requests over 1 ms during {kind}{spread}")
    print(f"collector pauses in the window: {len(gc)}, "
          + ", ".join(f"{w[1] - w[0]:.1f}" for w in gc) + " ms")
    print(f"usage flushes in the window: {len(flushes)}, "
          + ", ".join(f"{w[2]} key-minutes in {w[1] - w[0]:.0f} ms" for w in flushes))


if __name__ == "__main__":
    main(*sys.argv[1:4])
