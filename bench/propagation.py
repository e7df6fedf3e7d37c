#!/usr/bin/env python3
"""Revocation propagation and projection lag between two running gateway instances (stdlib only).

Usage: propagation.py A_URL B_URL TENANT_SLUG EMAIL PASSWORD ADMIN_TOKEN REVOCATIONS LOAD_SECONDS
Prints two table rows: revocation propagation (revoke answered by A -> B refuses the token) and the
projection lag Axon reports (event time -> projected) sampled on both instances under a write load.
"""
import json
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request

a, b, slug, email, password, admin, revocations, load_seconds = sys.argv[1:9]
revocations, load_seconds = int(revocations), float(load_seconds)


def call(method, url, token=None, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read().decode()
            return response.status, (json.loads(text) if text.startswith("{") else text)
    except urllib.error.HTTPError as error:
        return error.code, None


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


delays = []
for i in range(revocations):
    status, session = call("POST", a + "/api/v1/auth/login", body={"tenant": slug, "email": email, "password": password})
    assert status == 200, status
    assert call("GET", b + "/api/v1/users/me", session["accessToken"])[0] == 200
    status, _ = call("DELETE", a + "/api/v1/sessions/" + session["sessionId"], admin)
    assert status == 204, status
    answered = time.perf_counter()
    while call("GET", b + "/api/v1/users/me", session["accessToken"])[0] != 401:
        if time.perf_counter() - answered > 10:
            raise SystemExit("B still accepts a token revoked 10 s ago")
    delays.append((time.perf_counter() - answered) * 1000)
    if (i + 1) % 50 == 0:
        print(f"  {i + 1}/{revocations} revocations measured", file=sys.stderr)
print(f"| revocation A -> refused by B ({revocations}x) | p50 {percentile(delays, 50):.1f} ms "
      f"| p99 {percentile(delays, 99):.1f} ms | max {max(delays):.1f} ms |")

# Projection lag under a sustained command load: each writer gives and takes a role of a user of its
# own through A (commands without password hashing, so the load is not bcrypt-bound) while both
# instances' Axon latency gauges (event timestamp -> handled) are sampled.
stop = threading.Event()
writes = [0]
targets = []
for n in range(4):
    status, user = call("POST", a + "/api/v1/users", admin, {"email": f"load-{n}-{time.time_ns()}@bench.test",
                                                             "password": "benchmark password", "displayName": "Load"})
    assert status == 201, status
    targets.append(user["id"])


def writer(n):
    path = a + "/api/v1/users/" + targets[n] + "/roles/auditor"
    k = 0
    while not stop.is_set():
        status, _ = call("PUT" if k % 2 == 0 else "DELETE", path, admin)
        writes[0] += status == 200
        k += 1


samples = []


def sampler():
    while not stop.is_set():
        for base in (a, b):
            status, text = call("GET", base + "/actuator/prometheus")
            for line in text.splitlines() if status == 200 else []:
                if line.startswith("eventProcessor_latency{") and any(
                        f'processorName="{p}"' in line for p in ("users", "tenants", "sessions")):
                    samples.append(float(line.rsplit(" ", 1)[1]))
        time.sleep(0.05)


threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)] + [threading.Thread(target=sampler)]
for t in threads:
    t.start()
time.sleep(load_seconds)
stop.set()
for t in threads:
    t.join()
print(f"| projection lag, {writes[0] / load_seconds:.0f} writes/s for {load_seconds:.0f} s | "
      f"p50 {percentile(samples, 50):.0f} ms | p99 {percentile(samples, 99):.0f} ms | max {max(samples):.0f} ms |")
