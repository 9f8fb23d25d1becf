#!/usr/bin/env bash
# Install the Debian packages erpath needs outside PyPI, when they are missing:
# Pango and fonts for WeasyPrint's PDF reports, Chromium for the browser tests.
# Needs root (as in CI) to install.
set -euo pipefail
needed=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-dejavu-core chromium)
missing=()
for package in "${needed[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing Debian packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "not root: install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
