#!/usr/bin/env bash
# Trains a JDK AOT cache (JEP 483/514) for the app image: starts the IDE once, headless,
# until its window is shown, records the classes it loaded and linked, and makes the
# launcher use that cache. Halves the cold start; see docs/benchmarks.md.
set -euo pipefail
image="$1"                                  # .../jpackage/Plugboard
cfg="$image/lib/app/Plugboard.cfg"
java="$image/lib/runtime/bin/java"
cache="$image/lib/app/plugboard.aot"

# The cache is valid only while the jars keep the modification times they had when it was made.
# Installers do not keep them (jpackage copies the image), so the jars get one fixed time here
# and the installers' post-install scripts set the same time again (linux/postinst, plugboard.spec).
find "$image/lib/app" -name '*.jar' -exec touch -d @946684800 {} +

# The class path exactly as the launcher builds it, so the cache matches at run time.
cp=$(sed -n 's|^app.classpath=\$APPDIR|'"$image"'/lib/app|p' "$cfg" | paste -sd:)
config=$(mktemp -d)
trap 'rm -rf "$config"' EXIT

XDG_CONFIG_HOME="$config" PLUGBOARD_STARTUP_PROBE=1 "$java" \
  -XX:AOTCacheOutput="$cache" -Xlog:aot=error -Xlog:cds=error \
  -Dglass.platform=Headless -Dprism.order=sw --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC \
  -cp "$cp" dev.plugboard.app.Main

# A cache the JVM rejects (say, the jars were touched) is skipped silently: the app starts, slower.
grep -q 'AOTCache' "$cfg" || printf '%s\n' 'java-options=-XX:AOTCache=$APPDIR/plugboard.aot' \
  'java-options=-Xlog:aot=off' 'java-options=-Xlog:cds=off' >> "$cfg"
echo "aot-train: $(du -h "$cache" | cut -f1) cache written to $cache"
