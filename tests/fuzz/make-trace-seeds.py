#!/usr/bin/env python3
"""Makes the committed seed corpora of fuzz_tracefile, fuzz_tracecontents and fuzz_csv from real
runs of built-in lessons: each lesson is run with its times and counts cut down (so a trace is a
few kilobytes) and exported as .threadlab and .csv; the .threadlab's blocks are unpacked for
fuzz_tracecontents. Run it again when the trace format changes:
    python3 tests/fuzz/make-trace-seeds.py build/dev/bin/threadlab
"""
import json, os, struct, subprocess, sys, tempfile, zlib

LESSONS = ["sequential-sleep", "counter-race", "deadlock-two-locks", "producer-consumer", "pool-map",
           "process-sleep", "event-flag", "barrier-start", "semaphore-pool", "rlock-recursion",
           "thread-local", "daemon-threads", "lock-timeout", "queue-order", "print-delays"]
SHORTER = {"sleep": 10, "cpu": 10, "count": 100, "repeat": 10, "times": 1000, "n": 100}
HERE = os.path.dirname(os.path.abspath(__file__))
MAGIC = b"THREADLAB-TRACE\n"


def shorter(value):
    if isinstance(value, dict):
        return {k: (max(1, v // SHORTER[k]) if k in SHORTER and isinstance(v, int) and v > 1 else shorter(v))
                for k, v in value.items()}
    if isinstance(value, list):
        return [shorter(v) for v in value]
    return value


def contents(trace):
    assert trace.startswith(MAGIC)
    at, out = len(MAGIC) + 4, b""
    while True:
        raw, packed = struct.unpack_from("<II", trace, at)
        at += 8
        if raw == 0 and packed == 0:
            return out
        out += zlib.decompress(trace[at:at + packed])
        at += packed


def main():
    cli = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        for lesson in LESSONS:
            with open(os.path.join(HERE, "../../resources/scenarios", lesson + ".json")) as f:
                scenario = shorter(json.load(f))
            path = os.path.join(tmp, lesson + ".json")
            with open(path, "w") as f:
                json.dump(scenario, f)
            trace, csv = os.path.join(tmp, lesson + ".threadlab"), os.path.join(tmp, lesson + ".csv")
            subprocess.run([cli, "run", path, "--sched", "sampled", "--export", trace, "--export", csv],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if not os.path.exists(trace):
                print(f"{lesson}: no trace written", file=sys.stderr)
                continue
            data = open(trace, "rb").read()
            for kind, blob in (("tracefile", data), ("tracecontents", contents(data)), ("csv", open(csv, "rb").read())):
                with open(os.path.join(HERE, "seeds", kind, lesson), "wb") as f:
                    f.write(blob)
            print(f"{lesson}: {len(data)} bytes packed, {len(contents(data))} unpacked")


main()
