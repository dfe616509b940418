#!/usr/bin/env bash
# Install Debian's Chromium for the dashboard's browser tests when it is missing.
# Playwright drives it through its executable path; `playwright install` is never used
# (it downloads a browser build of its own, which this project does not rely on).
set -uo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "browser.sh: chromium is missing and this user cannot apt-get install it" >&2
  exit 0  # the browser tests then fail under CI=true and skip elsewhere
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends chromium >/dev/null
if ! command -v chromium >/dev/null 2>&1; then
  echo "browser.sh: installing chromium failed" >&2
fi
exit 0
