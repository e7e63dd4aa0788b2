#!/usr/bin/env bash
# What usage recording costs per request, rate limits on (local) in both: docs/benchmarks/usage-recording.md.
exec bash "$(dirname "$0")/compare.sh" off=MIGMA_USAGE_ENABLED=false on=MIGMA_USAGE_ENABLED=true
