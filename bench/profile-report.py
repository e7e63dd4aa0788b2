#!/usr/bin/env python3
"""Reads async-profiler's collapsed stacks and wrk's output of each run named (bench/profile.sh writes NAME.collapsed
and NAME.wrk) and prints CPU samples per 1,000 requests: by kind of thread, by the step of the request that was
running (the deepest of the frames below that a stack passes through), and the leaf methods that differ most
between the first run and the others. With --event lock the stacks count nanoseconds spent waiting for a
contended lock (the profiler's lock event with its "total" counter), printed as microseconds per request, and the
leaves are the locks, each with the frame that waited for it.

    python3 bench/profile-report.py [--event cpu|lock] target/profile/bare target/profile/gateway
    python3 bench/profile-report.py --frames 'StrictHttpFirewall\\.getFirewalledRequest' ... -- target/profile/local

--frames prints, for each regular expression, the CPU samples per 1,000 requests of the stacks that pass through a
frame it matches (the frame and everything it called), in each run named after "--".
"""
import re
import sys
from collections import Counter

# The step a request thread is in is the deepest of these frames on its stack: a filter's frame stays on the stack
# while the rest of the chain runs below it, so only frames after it and before the next step's count for it.
STEPS = [
    ("proxy: caller identity to the upstream", re.compile(r"CallerIdentity\.")),
    ("proxy: upstream exchange (HttpClient)", re.compile(r"RestClientProxyExchange\.")),
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


# Below a lock's frame (the leaf, a class name) come the JDK's parking frames; the first frame above them took it.
PARKING = re.compile(r"^(jdk/internal/|java/util/concurrent/locks/|java/lang/Object\.wait)")


def leaf_of(frames, event):
    leaf = re.sub(r"_\[[a-z]\]$", "", frames[-1])
    if event == "lock":
        taker = next((f for f in reversed(frames[:-1]) if not PARKING.search(f)), "")
        return "%s <- %s" % (leaf.rsplit(".", 1)[-1], taker.rsplit("/", 1)[-1])
    return leaf


def summarise(stacks, event):
    threads, steps, leaves = Counter(), Counter(), Counter()
    for stack, count in stacks.items():
        frames = stack.split(";")
        kind = next((name for name, pattern in THREADS if pattern.search(frames[0])), "other threads")
        threads[kind] += count
        if kind == "request threads":
            steps[step_of(frames)] += count
        leaves[leaf_of(frames, event)] += count
    return threads, steps, leaves


def print_frames(patterns, prefixes):
    runs = [load(prefix) for prefix in prefixes]
    print("CPU samples per 1,000 requests in stacks through a matching frame")
    print("%-64s" % "" + "".join(" %24s" % "/".join(p.split("/")[-2:])[-24:] for p in prefixes))
    for pattern in patterns:
        matcher = re.compile(pattern)
        through = [sum(n for stack, n in stacks.items() if any(matcher.search(f) for f in stack.split(";")))
                   * 1000 / requests for stacks, requests in runs]
        print("%-64s" % pattern[:64] + "".join(" %24.2f" % t for t in through))


def main(args):
    if args[:1] == ["--frames"]:
        split = args.index("--")
        print_frames(args[1:split], args[split + 1:])
        return
    event = "cpu"
    if args[:1] == ["--event"]:
        event, args = args[1], args[2:]
    prefixes = args
    names = [p.rsplit("/", 1)[-1] for p in prefixes]
    runs = []
    # Reported per 1,000 requests: CPU samples of 1 ms as they are, lock waits in nanoseconds scaled to µs per request.
    scale = 1 if event == "cpu" else 1e-6
    for prefix in prefixes:
        stacks, requests = load(prefix)
        stacks = Counter({stack: value * scale for stack, value in stacks.items()})
        runs.append((summarise(stacks, event), requests, sum(stacks.values())))
    header = "%-88s" + " %12s" * len(names)
    row = "%-88s" + (" %12.1f" if event == "cpu" else " %12.2f") * len(names)
    if event == "cpu":
        print("CPU samples (1 ms each) per 1,000 requests")
    else:
        print("time waiting for contended locks, microseconds per request (ms per 1,000 requests); idle request")
        print("threads waiting for work count too (Tomcat's task queue)")
    print(header % ("", *names))
    print(row % ("all threads", *(total * 1000 / requests for _, requests, total in runs)))
    sections = [(0, "by thread"), (1, "request threads, by step")]
    if event == "lock":
        # Few locks are contended at all: each one, side by side, says more than a difference.
        sections.append((2, "locks and the frame that waited for them"))
    for index, title in sections:
        print("\n" + title)
        keys = sorted({k for (parts, _, _) in runs for k in parts[index]},
                      key=lambda k: -max(parts[index][k] * 1000 / r for (parts, r, _) in runs))
        for key in keys[:20]:
            print(row % (key, *(parts[index][key] * 1000 / r for (parts, r, _) in runs)))
    if event == "cpu":
        print_leaf_differences(names, runs)


def print_leaf_differences(names, runs):
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
