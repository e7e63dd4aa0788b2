#!/usr/bin/env python3
"""Reads async-profiler's collapsed stacks and wrk's output of each run named (bench/profile.sh writes NAME.collapsed
and NAME.wrk) and prints CPU samples per 1,000 requests: by kind of thread, by the step of the request that was
running (the deepest of the frames below that a stack passes through), and the leaf methods that differ most
between the first run and the others.

    python3 bench/profile-report.py target/profile/bare target/profile/gateway
"""
import re
import sys
from collections import Counter

# The step a request thread is in is the deepest of these frames on its stack: a filter's frame stays on the stack
# while the rest of the chain runs below it, so only frames after it and before the next step's count for it.
STEPS = [
    ("mvc: controller, JSON", re.compile(r"DispatcherServlet\.")),
    ("gateway: route authorization", re.compile(r"RouteAuthorizationFilter\.")),
    ("gateway: rate limit", re.compile(r"RateLimitFilter\.")),
    ("gateway: usage", re.compile(r"UsageRecordingFilter\.")),
    ("gateway: authentication", re.compile(r"ApiKeyAuthenticationFilter\.")),
    ("security: filter chain proxy, firewall", re.compile(r"FilterChainProxy\.")),
    ("servlet filters (request id, body size, observation)", re.compile(r"ApplicationFilterChain\.")),
    ("tomcat: HTTP parsing, response writing", re.compile(r"(Http11Processor|CoyoteAdapter)\.")),
]
# Matched against the thread's name, the first frame of each stack (the profiler's "threads" option).
THREADS = [
    ("request threads", re.compile(r"^\[http-nio-\d+-exec-")),
    ("Tomcat poller and acceptor", re.compile(r"^\[http-nio-\d+-(Poller|Acceptor)")),
    ("garbage collection", re.compile(r"^\[(GC Thread|G1 )")),
    ("JIT compiler", re.compile(r"^\[C[12] CompilerThre")),
]


def load(prefix):
    stacks = Counter()
    with open(prefix + ".collapsed") as f:
        for line in f:
            stack, _, count = line.rstrip("\n").rpartition(" ")
            if stack:
                stacks[stack] += int(count)
    with open(prefix + ".wrk") as f:
        requests = int(re.search(r"(\d+) requests in", f.read()).group(1))
    return stacks, requests


def step_of(frames):
    for i in range(len(frames) - 1, -1, -1):
        for name, pattern in STEPS:
            if pattern.search(frames[i]):
                return name
    return "request thread, outside any step"


def summarise(stacks):
    threads, steps, leaves = Counter(), Counter(), Counter()
    for stack, count in stacks.items():
        frames = stack.split(";")
        kind = next((name for name, pattern in THREADS if pattern.search(frames[0])), "other threads")
        threads[kind] += count
        if kind == "request threads":
            steps[step_of(frames)] += count
        leaves[re.sub(r"_\[[a-z]\]$", "", frames[-1])] += count
    return threads, steps, leaves


def main(prefixes):
    names = [p.rsplit("/", 1)[-1] for p in prefixes]
    runs = []
    for prefix in prefixes:
        stacks, requests = load(prefix)
        runs.append((summarise(stacks), requests, sum(stacks.values())))
    header = "%-56s" + " %12s" * len(names)
    row = "%-56s" + " %12.1f" * len(names)
    print("CPU samples (1 ms each) per 1,000 requests")
    print(header % ("", *names))
    print(row % ("all threads", *(total * 1000 / requests for _, requests, total in runs)))
    for index, title in ((0, "by thread"), (1, "request threads, by step")):
        print("\n" + title)
        keys = sorted({k for (parts, _, _) in runs for k in parts[index]},
                      key=lambda k: -max(parts[index][k] * 1000 / r for (parts, r, _) in runs))
        for key in keys:
            print(row % (key, *(parts[index][key] * 1000 / r for (parts, r, _) in runs)))
    print("\nleaf methods, largest difference from %s first" % names[0])
    base_leaves, base_requests = runs[0][0][2], runs[0][1]
    for (parts, requests, _), name in zip(runs[1:], names[1:]):
        diff = Counter()
        for leaf in set(base_leaves) | set(parts[2]):
            diff[leaf] = parts[2][leaf] * 1000 / requests - base_leaves[leaf] * 1000 / base_requests
        print("  %s - %s" % (name, names[0]))
        for leaf, delta in sorted(diff.items(), key=lambda kv: -abs(kv[1]))[:30]:
            print("  %+8.2f  %s" % (delta, leaf[:140]))


if __name__ == "__main__":
    main(sys.argv[1:])
