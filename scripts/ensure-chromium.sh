#!/usr/bin/env bash
# Playwright cannot download its browsers here; the tests use Debian's Chromium. Install it when missing.
set -euo pipefail
browser="${PLAYWRIGHT_CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$browser" ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Chromium is missing at $browser. Install it (sudo apt-get install -y chromium) or set PLAYWRIGHT_CHROMIUM_PATH." >&2
  exit 1
fi
echo "Installing Debian's Chromium for the browser tests…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
