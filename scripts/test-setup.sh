#!/usr/bin/env bash
# Installs what the test suite needs beyond npm packages, then the npm
# packages themselves, then builds the web page. espeak-ng speaks the test
# recordings and Debian's chromium runs the browser test; PostgreSQL
# (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test) and
# Redis (TEST_REDIS_URL, default redis://127.0.0.1:6379) must be running.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
# The browser test drives /usr/bin/chromium; playwright-core never downloads a browser of its own.
[ -x /usr/bin/chromium ] || missing+=(chromium)

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test-setup: installing ${missing[*]} with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "test-setup: missing ${missing[*]}; install it (Debian: sudo apt-get install ${missing[*]}) and run again" >&2
    exit 1
  fi
fi

npm ci --no-audit --no-fund
npm run build:web
