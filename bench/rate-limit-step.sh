#!/usr/bin/env bash
# What the rate-limit step costs per request, for each backend: docs/benchmarks/rate-limit-step.md.
exec bash "$(dirname "$0")/compare.sh" off=MIGMA_RATE_LIMIT_BACKEND=off local=MIGMA_RATE_LIMIT_BACKEND=local \
    redis=MIGMA_RATE_LIMIT_BACKEND=redis
