#!/usr/bin/env bash
# One-time set-up on a fresh machine: the Debian packages Stint's build and tests need, then
# the npm dependencies. Safe to re-run: each step is skipped when it is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(chromium libsecret-1-dev gnome-keyring dbus-x11 dbus-bin dbus-daemon faketime python3 make g++)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "setup: installing ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: please install: ${missing[*]} (libsecret for the keychain, chromium for the e2e tests)" >&2
  fi
fi

# npm ci only when the lockfile changed since the last install (it rebuilds native modules).
stamp=node_modules/.stint-lock-hash
hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$hash" ]; then
  echo "setup: npm ci${ELECTRON_SKIP_BINARY_DOWNLOAD:+ (Electron binary download skipped)}"
  npm ci --no-audit --no-fund
  echo "$hash" > "$stamp"
fi
