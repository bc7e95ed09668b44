"""Read `hey` output on stdin; print one JSON object: requests, rps, p50/p95/p99 (ms), errors (non-200 + failures)."""
import json
import re
import sys

text = sys.stdin.read()


def number(pattern, scale=1.0):
    match = re.search(pattern, text)
    return round(float(match.group(1)) * scale, 1) if match else None


section = text.split("Status code distribution:", 1)[-1].split("Error distribution:", 1)
statuses = {int(code): int(count) for code, count in re.findall(r"\[(\d+)\]\s+(\d+) responses", section[0])}
failures = sum(int(count) for count in re.findall(r"\[(\d+)\]", section[1])) if len(section) > 1 else 0
requests = sum(statuses.values())
print(json.dumps({
    "requests": requests,
    "rps": number(r"Requests/sec:\s+([\d.]+)"),
    "p50_ms": number(r"50% in ([\d.]+) secs", 1000),
    "p95_ms": number(r"95% in ([\d.]+) secs", 1000),
    "p99_ms": number(r"99% in ([\d.]+) secs", 1000),
    "errors": requests - statuses.get(200, 0) + failures,
    "statuses": statuses,
}))
