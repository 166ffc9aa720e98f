#!/usr/bin/env bash
# Builds Signalbox's Linux installer with jpackage (JDK 25+, from JAVA_HOME):
#   installer/package.sh            a .deb: installer/target/dist/signalbox_VERSION_ARCH.deb
#   installer/package.sh app-image  a self-contained directory: installer/target/dist/Signalbox/
# The .deb installs to /opt/signalbox with its own Java runtime (no JDK needed), adds "Signalbox" to the
# desktop menu (the tray app) and puts the command line on PATH as /usr/bin/signalbox. jpackage builds
# for the machine it runs on: a macOS or Windows installer is built on macOS or Windows.
# SKIP_BUILD=1 packages the jars already in app/target instead of building them first.
set -euo pipefail
cd "$(dirname "$0")/.."

TYPE="${1:-deb}"
case "$TYPE" in deb|app-image) ;; *) echo "usage: installer/package.sh [deb|app-image]" >&2; exit 2 ;; esac
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/jpackage" ]; then
  echo "error: JAVA_HOME must point at a JDK 25+ (jpackage comes with it), e.g. export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64" >&2
  exit 1
fi
if [ "$TYPE" = deb ]; then
  for tool in dpkg-deb fakeroot; do
    command -v "$tool" >/dev/null || { echo "error: building a .deb needs $tool: sudo apt-get install $tool" >&2; exit 1; }
  done
fi
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -q -B -DskipTests package -pl app -am
fi
[ -f app/target/signalbox-app.jar ] || { echo "error: app/target/signalbox-app.jar is missing: run without SKIP_BUILD=1" >&2; exit 1; }

OUT=installer/target
rm -rf "$OUT/input" "$OUT/dist" "$OUT/work"
mkdir -p "$OUT/input" "$OUT/dist" "$OUT/work"
cp app/target/signalbox-app.jar "$OUT/input/"
# exactly the jars the app's manifest names (app/target/lib may still hold a replaced version's jar)
mkdir -p "$OUT/input/lib" "$OUT/work/manifest"
(cd "$OUT/work/manifest" && "$JAVA_HOME/bin/jar" --extract --file "$OLDPWD/app/target/signalbox-app.jar" META-INF/MANIFEST.MF)
CLASS_PATH="$(tr -d '\r' < "$OUT/work/manifest/META-INF/MANIFEST.MF" | sed -e ':a' -e 'N' -e '$!ba' -e 's/\n //g' \
  | sed -n 's/^Class-Path: //p')"
[ -n "$CLASS_PATH" ] || { echo "error: app/target/signalbox-app.jar names no Class-Path" >&2; exit 1; }
for jar in $CLASS_PATH; do
  cp "app/target/$jar" "$OUT/input/lib/"
done
# the application icon: the tray icon's design, drawn by the app's own code, at 256 px
"$JAVA_HOME/bin/java" -Djava.awt.headless=true -cp app/target/signalbox-app.jar installer/AppIcon.java \
  "$OUT/work/Signalbox.png" 256

# 0.1.0-SNAPSHOT → 0.1.0 (package versions are numbers)
VERSION="$(sed -n 's:^  <version>\([0-9][0-9.]*\).*</version>:\1:p' pom.xml | head -1)"
# What the jars need (jdeps --print-module-deps), and locale data and charsets for users' locales.
MODULES=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.security.jgss,java.sql
MODULES=$MODULES,jdk.charsets,jdk.crypto.ec,jdk.jfr,jdk.localedata,jdk.net,jdk.security.auth,jdk.unsupported
MODULES=$MODULES,jdk.unsupported.desktop,jdk.zipfs
JAVA_OPTIONS="-Xmx256m -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED"

cat > "$OUT/work/signalbox.properties" <<PROPS
main-class=io.signalbox.cli.Main
description=Signalbox command line: serve, use, test, profile, log
java-options=$JAVA_OPTIONS
linux-shortcut=false
PROPS

ARGS=(--type "$TYPE" --name Signalbox --app-version "$VERSION" --vendor Signalbox
  --description "Switch Claude Code and Codex between model providers; a local proxy that records usage and cost"
  --input "$OUT/input" --main-jar signalbox-app.jar --main-class io.signalbox.app.Main
  --add-modules "$MODULES" --jlink-options "--strip-debug --no-man-pages --no-header-files"
  --java-options "$JAVA_OPTIONS" --icon "$OUT/work/Signalbox.png"
  --add-launcher "signalbox=$OUT/work/signalbox.properties"
  --dest "$OUT/dist")
if [ "$TYPE" = deb ]; then
  ARGS+=(--linux-package-name signalbox --install-dir /opt --linux-shortcut --linux-menu-group "Development;Utility"
    --linux-app-category devel --resource-dir installer/linux --linux-deb-maintainer packages@signalbox.invalid)
fi
"$JAVA_HOME/bin/jpackage" "${ARGS[@]}"
ls -1 "$OUT/dist"
