#!/usr/bin/env python3
"""Reads what `dhcp-client.jar load` printed (stdout) for the benchmark scripts.

    load-report.py get FILE KEY [KEY...]   values from the "measured" JSON line; a dotted key
                                            reads inside an object (renewal-ms.p99); "-" if absent
    load-report.py curve FILE              the per-second curve ("second" lines) as a table; t counts
                                            seconds from the start of the measured phase
The scripts use this rather than sed on JSON: the lines carry nested objects and nulls.
"""
import json
import sys


def events(path, name):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("{") and f'"event":"{name}"' in line:
                yield json.loads(line)


def measured(path):
    found = list(events(path, "measured"))
    if not found:
        sys.exit(f"no 'measured' line in {path}: did the load generator finish?")
    return found[-1]


def lookup(obj, dotted):
    for part in dotted.split("."):
        if not isinstance(obj, dict) or obj.get(part) is None:
            return "-"
        obj = obj[part]
    return f"{obj:.2f}" if isinstance(obj, float) else obj


def curve(path):
    print(f"{'t':>4} {'offered':>8} {'leased':>7} {'renewals':>8} {'renewed':>8} {'naks':>5} "
          f"{'failed':>6} {'dup':>4} {'exchanges':>9} {'p50 ms':>9} {'p99 ms':>9}")
    for s in events(path, "second"):
        p50 = "-" if s["p50-ms"] is None else f"{s['p50-ms']:.1f}"
        p99 = "-" if s["p99-ms"] is None else f"{s['p99-ms']:.1f}"
        print(f"{s['t']:>4} {s['offered']:>8} {s['leased']:>7} {s['renewals']:>8} {s['renewed']:>8} {s['naks']:>5} "
              f"{s['failed']:>6} {s['duplicates']:>4} {s['exchanges']:>9} {p50:>9} {p99:>9}")


def main(argv):
    if len(argv) >= 4 and argv[1] == "get":
        m = measured(argv[2])
        print(" ".join(str(lookup(m, k)) for k in argv[3:]))
    elif len(argv) == 3 and argv[1] == "curve":
        curve(argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
