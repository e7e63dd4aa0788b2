#!/usr/bin/env python3
"""Puts N well-formed API keys straight into the gateway's database, for the scale benchmarks.

    python3 bench/seed-keys.py N KEYS_FILE [DATABASE]      # DATABASE default: migma_bench on 127.0.0.1

All keys belong to one enterprise account with an effectively unlimited budget and have webhook:read (or the
comma-separated permissions in KEY_PERMISSIONS), so every request of a benchmark takes the admitted path. Their
plain text goes to KEYS_FILE (one per line, for wrk's Lua script); only SHA-256 hashes go to the database, as the
gateway stores them. The keys are bench data: KEYS_FILE
belongs in a temporary directory, never in the repository.
"""
import hashlib
import os
import secrets
import subprocess
import sys
import uuid
import zlib

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def checksum(text):
    value = zlib.crc32(text.encode("ascii"))
    digits = []
    for _ in range(6):
        digits.append(ALPHABET[value % 62])
        value //= 62
    return "".join(reversed(digits))


def main():
    count, keys_file = int(sys.argv[1]), sys.argv[2]
    database = sys.argv[3] if len(sys.argv) > 3 else "migma_bench"
    account = str(uuid.uuid4())
    permissions = os.environ.get("KEY_PERMISSIONS", "webhook:read")
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-q", "-v", "ON_ERROR_STOP=1"]
    subprocess.run(psql + ["-c", "insert into accounts (id, name, plan, rate_limit_per_minute, created_at, updated_at)"
                           f" values ('{account}', 'bench {count} keys', 'enterprise', 1000000000, now(), now())"],
                   check=True)
    copy = subprocess.Popen(psql + ["-c", "copy api_keys (id, key_id, key_hash, account_id, name, environment,"
                                    " permissions, created_at, updated_at) from stdin"],
                            stdin=subprocess.PIPE, text=True)
    seen = set()
    with open(keys_file, "w") as keys:
        written = 0
        while written < count:
            body = "".join(secrets.choice(ALPHABET) for _ in range(32))
            if body[:8] in seen:
                continue  # key ids are unique
            seen.add(body[:8])
            start = "mgma_sk_test_" + body
            key = start + checksum(start)
            digest = hashlib.sha256(key.encode("ascii")).hexdigest()
            keys.write(key + "\n")
            copy.stdin.write(f"{uuid.uuid4()}\t{body[:8]}\t\\\\x{digest}\t{account}\tbench\ttest\t{{{permissions}}}"
                             "\t2026-01-01 00:00:00+00\t2026-01-01 00:00:00+00\n")
            written += 1
    copy.stdin.close()
    if copy.wait() != 0:
        sys.exit("copy failed")
    # As a table whose keys were created over time would be: vacuumed, its pages' hint bits set and written out.
    # Freshly copied, the first read of each page dirtied it and autovacuum went over the whole table during the
    # timed runs, competing for the two cores (docs/PERFORMANCE.md, "The cold tail").
    subprocess.run(psql + ["-c", "vacuum (freeze, analyze) api_keys", "-c", "checkpoint"], check=True)
    print(f"{count} keys for account {account}; plain text in {keys_file}")


if __name__ == "__main__":
    main()
