#!/usr/bin/env bash
# Runs a command with a working Secret Service keychain (DESIGN §8, §9), for keytar tests:
#
#   bash scripts/with-keychain.sh npx vitest run tests/main/core/secrets tests/main/core/auth
#
# Inside a D-Bus session that already has a keyring (a desktop login), the command just runs.
# Otherwise it runs inside a private `dbus-run-session` with gnome-keyring-daemon (secrets only)
# unlocked. That keyring lives in a temporary folder, so a run never touches the user's real
# keyrings and leaves nothing behind. The command's exit status is passed through.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi

has_secret_service() {
  [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] &&
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'
}

# Second stage: we are inside the private session; start and unlock the keyring, then run.
if [ "${STINT_KEYCHAIN_STAGE:-}" = "inner" ]; then
  unset STINT_KEYCHAIN_STAGE
  keyring_home="$(mktemp -d "${TMPDIR:-/tmp}/stint-keyring.XXXXXX")"
  trap 'rm -rf "$keyring_home"' EXIT
  # A throwaway password for a throwaway keyring; the daemon reads it from stdin.
  printf '%s' "stint-test-$$" | XDG_DATA_HOME="$keyring_home" gnome-keyring-daemon --unlock --components=secrets >/dev/null
  for _ in $(seq 1 50); do
    has_secret_service && break
    sleep 0.1
  done
  if ! has_secret_service; then
    echo "with-keychain: gnome-keyring-daemon did not come up on the session bus" >&2
    exit 1
  fi
  set +e
  "$@"
  status=$?
  set -e
  exit "$status"
fi

if has_secret_service; then
  STINT_KEYCHAIN_REQUIRED=1 exec "$@"
fi

for tool in dbus-run-session gnome-keyring-daemon dbus-send; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "with-keychain: '$tool' is missing (apt-get install dbus gnome-keyring libsecret-1-0)" >&2
    exit 1
  fi
done

# dbus-daemon warns it cannot raise its fd limit when not privileged; that is harmless noise.
STINT_KEYCHAIN_REQUIRED=1 STINT_KEYCHAIN_STAGE=inner exec dbus-run-session -- bash "$0" "$@" 2> >(grep --line-buffered -v 'Failed to set fd limit' >&2)
