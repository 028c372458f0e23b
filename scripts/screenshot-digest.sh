#!/usr/bin/env bash
# Screenshots of a rendered digest at 600px and 375px wide, taken with Debian's headless Chromium.
# Usage: scripts/screenshot-digest.sh [WEEK] [OUT_DIR]   (defaults: 2026-W48, docs/)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WEEK="${1:-2026-W48}"
OUT="${2:-$ROOT/docs}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
command -v chromium >/dev/null || { echo "chromium is missing: apt-get install chromium" >&2; exit 2; }

export VERDICTS_DATA_DIR="$WORK/data"
"$ROOT/verdicts" import sample >/dev/null
"$ROOT/verdicts" digest preview --week "$WEEK" --out "$WORK/preview"
mkdir -p "$OUT"
for width in 600 375; do
  # A tall window: the screenshot shows the whole email, as a reader scrolling through it would.
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$WORK/chrome-$width" --hide-scrollbars --force-device-scale-factor=1 \
    --window-size="$width,${HEIGHT:-4200}" --screenshot="$OUT/digest-$WEEK-$width.png" \
    "file://$WORK/preview/$WEEK.html" 2>/dev/null
  echo "$OUT/digest-$WEEK-$width.png"
done
