#!/bin/sh
# Checks both unit files the way CI can: `systemd-analyze verify` and
# `systemd-analyze security --offline=true --threshold=20` (exposure 2.0 or better).
#
# `verify` insists that ExecStart= binaries exist, and CI has no
# /usr/local/bin/channelsync. So the units are checked, unmodified, inside a
# throw-away root (--root=DIR): DIR/usr/local/bin/channelsync is a stub script
# (or the real binary when CHANNELSYNC_BIN is set), DIR/usr/lib/systemd/system
# is a copy of the host's unit directory (for network-online.target and
# friends), and the units sit in DIR/etc/systemd/system. `verify` reports many
# problems (unknown keys, bad values) as warnings with exit status 0, so any
# output at all counts as a failure here.
#
# Usage: systemd/verify.sh            exit 0 when both units pass
#        SYSTEMD_ANALYZE=/path/to/systemd-analyze systemd/verify.sh
set -eu

here=$(cd "$(dirname "$0")" && pwd)
analyze=${SYSTEMD_ANALYZE:-systemd-analyze}
instance=example

if ! command -v "$analyze" >/dev/null 2>&1; then
    echo "verify.sh: $analyze not found; install systemd to check the units" >&2
    exit 2
fi

root=$(mktemp -d "${TMPDIR:-/tmp}/channelsync-units.XXXXXX")
trap 'rm -rf "$root"' EXIT INT TERM

mkdir -p "$root/usr/local/bin" "$root/usr/lib/systemd" "$root/etc/systemd/system"
if [ -n "${CHANNELSYNC_BIN:-}" ]; then
    cp "$CHANNELSYNC_BIN" "$root/usr/local/bin/channelsync"
else
    printf '#!/bin/sh\nexit 0\n' > "$root/usr/local/bin/channelsync"
fi
chmod 755 "$root/usr/local/bin/channelsync"
for dir in /usr/lib/systemd/system /lib/systemd/system; do
    if [ -d "$dir" ]; then
        cp -R "$dir" "$root/usr/lib/systemd/"
        break
    fi
done
cp "$here/channelsync.service" "$here/channelsync@.service" "$root/etc/systemd/system/"

status=0
units="channelsync.service channelsync@$instance.service"

echo "== systemd-analyze verify $units"
if ! output=$("$analyze" verify --root="$root" --man=no $units 2>&1); then
    status=1
fi
if [ -n "$output" ]; then
    printf '%s\n' "$output"
    status=1
fi

for unit in $units; do
    echo "== systemd-analyze security --offline=true --threshold=20 $unit"
    if ! "$analyze" security --offline=true --threshold=20 --root="$root" --no-pager "$unit" > "$root/security.txt" 2>&1; then
        grep -E '✗|Overall' "$root/security.txt" || cat "$root/security.txt"
        status=1
    else
        grep 'Overall exposure' "$root/security.txt" || true
    fi
done

if [ "$status" -eq 0 ]; then echo "verify.sh: both units pass"; else echo "verify.sh: FAILED" >&2; fi
exit "$status"
