#!/usr/bin/env bash
# Installs what the test suite needs beyond npm packages, then the npm
# packages themselves. espeak-ng speaks the test recordings; PostgreSQL
# (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test) and
# Redis (TEST_REDIS_URL, default redis://127.0.0.1:6379) must be running.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v espeak-ng >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test-setup: installing espeak-ng with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq espeak-ng >/dev/null
  else
    echo "test-setup: espeak-ng is missing; install it (Debian: sudo apt-get install espeak-ng) and run again" >&2
    exit 1
  fi
fi

npm ci --no-audit --no-fund
