#!/bin/sh
# Captures the Signalbox tray icon with its menu open, under Xvfb with trayer as the tray host.
# Not part of `mvn verify`. Needs: apt-get install -y --no-install-recommends xvfb xauth libgtk-3-0
#   trayer x11-apps imagemagick xdotool dbus
# and the app built: ./mvnw -B -q -pl app -am package -DskipTests
# Writes docs/screenshots/tray.png. Uses a throw-away SIGNALBOX_HOME and HOME; never the real ones.
set -eu
cd "$(dirname "$0")/../.."
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
OUT="$PWD/docs/screenshots/tray.png"
TMP="$(mktemp -d)"
DISPLAY_NO=:99
pids=""
cleanup() {
  # newest first: the app before trayer before Xvfb (a JVM whose X server vanishes dies hard)
  for p in $pids; do order="$p ${order:-}"; done
  for p in ${order:-}; do kill "$p" 2>/dev/null || true; sleep 1; done
  rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

export HOME="$TMP/home" SIGNALBOX_HOME="$TMP/signalbox" SIGNALBOX_SECRET_STORE=file XDG_CONFIG_HOME="$TMP/home/.config"
export CLAUDE_CONFIG_DIR="$TMP/claude" CODEX_HOME="$TMP/codex" SIGNALBOX_PORT="${SIGNALBOX_PORT:-48917}"
mkdir -p "$HOME" "$SIGNALBOX_HOME"
# A couple of profiles, written with the engine's own CLI (keys from stdin, never on the command line).
CLI="$JAVA -jar proxy/target/signalbox.jar"
$CLI profile add work --preset anthropic >/dev/null
$CLI profile add deepseek --preset deepseek >/dev/null
$CLI profile add local --preset ollama >/dev/null
$CLI use deepseek >/dev/null 2>&1 || printf '{"schemaVersion":1,"activeProfile":"deepseek"}\n' > "$SIGNALBOX_HOME/settings.json"

Xvfb $DISPLAY_NO -screen 0 1280x800x24 -nolisten tcp & pids="$pids $!"
export DISPLAY=$DISPLAY_NO
sleep 2
convert -size 1280x800 gradient:'#4c566a-#2e3440' "$TMP/bg.png" && display -window root "$TMP/bg.png" || true
trayer --edge top --align right --widthtype request --height 24 --SetDockType true --tint 0x202020 --transparent true --alpha 0 & pids="$pids $!"
sleep 2
dbus-run-session -- "$JAVA" -jar app/target/signalbox-app.jar --hidden > "$TMP/app.log" 2>&1 & pids="$pids $!"
# wait for the icon: trayer grows from 0 to the icon's width
for i in $(seq 1 60); do
  W=$(xdotool search --classname trayer getwindowgeometry 2>/dev/null | awk '/Geometry/ {split($2,a,"x"); print a[1]; exit}')
  [ -n "${W:-}" ] && [ "$W" -ge 16 ] && break
  sleep 1
done
sleep 3
# trayer sits at the top right, 24 px high: the icon is its rightmost 24 px. Right click opens the menu.
xdotool mousemove 1267 12
sleep 1
xdotool mousedown 3
sleep 0.3
xdotool mouseup 3
sleep 3
import -window root "$OUT"
echo "wrote $OUT"
