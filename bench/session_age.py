#!/usr/bin/env python3
"""Cost of a refresh as a session ages, against one running gateway (stdlib only).

Usage: session_age.py BASE_URL ADMIN_PASSWORD REFRESHES [WINDOW] [WARMUP]
Warms the JVM up with WARMUP (default 2,000) refreshes of a session of its own, then logs in again and
refreshes the new session REFRESHES times in a row (each rotation chained to the last, one client, no other
load) and prints one JSON object: p50/p99 in ms of refreshes 2 to WINDOW+1 (default 100) and of the last
WINDOW, and their ratio; progress goes to stderr every 1,000 refreshes.
"""
import http.client
import json
import math
import statistics
import sys
import time
import urllib.parse

base, admin_password, refreshes = sys.argv[1], sys.argv[2], int(sys.argv[3])
window = int(sys.argv[4]) if len(sys.argv) > 4 else 100
warmup = int(sys.argv[5]) if len(sys.argv) > 5 else 2000
url = urllib.parse.urlparse(base)
connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)


def call(method, path, body, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    connection.request(method, path, body=json.dumps(body), headers=headers)
    response = connection.getresponse()
    text = response.read().decode()
    if response.status // 100 != 2:
        raise SystemExit(f"{method} {path}: {response.status} {text}")
    return json.loads(text) if text else None


def percentile(values, p):
    values = sorted(values)
    return values[max(0, math.ceil(p / 100 * len(values)) - 1)]


admin = call("POST", "/api/v1/auth/login", {"tenant": "platform", "email": "admin@platform.local",
                                            "password": admin_password})["accessToken"]
slug = f"age-{time.time_ns() % 10**10}"
call("POST", "/api/v1/tenants", {"slug": slug, "name": "Session age", "selfRegistration": False,
                                 "admin": {"email": f"boss@{slug}.test", "password": "benchmark password",
                                           "displayName": "Boss"}}, admin)


def login():
    return call("POST", "/api/v1/auth/login", {"tenant": slug, "email": f"boss@{slug}.test",
                                               "password": "benchmark password"})["refreshToken"]


token = login()
print(f"  warming up: {warmup} refreshes of another session ...", file=sys.stderr)
for _ in range(warmup):
    token = call("POST", "/api/v1/auth/refresh", {"refreshToken": token})["refreshToken"]
token = login()
millis = []
for n in range(1, refreshes + 1):
    started = time.perf_counter()
    token = call("POST", "/api/v1/auth/refresh", {"refreshToken": token})["refreshToken"]
    millis.append((time.perf_counter() - started) * 1000)
    if n % 1000 == 0:
        print(f"  {n}/{refreshes} refreshes, last {window}: p50 {statistics.median(millis[-window:]):.2f} ms",
              file=sys.stderr)
early, late = millis[1:window + 1], millis[-window:]
print(json.dumps({"refreshes": refreshes, "early_p50": statistics.median(early), "early_p99": percentile(early, 99),
                  "late_p50": statistics.median(late), "late_p99": percentile(late, 99),
                  "late_over_early_p50": statistics.median(late) / statistics.median(early)}))
