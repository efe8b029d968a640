#!/usr/bin/env bash
# Assembles the stand-in native-image builder (VERIFICATION ONLY, see README.md) into a scratch directory and
# prints the GraalVM home to pass as -Dquarkus.native.graalvm-home. Idempotent: a second run with the same files
# reuses what is there.
#
#   usage: tools/native-probe/setup.sh [DIR]        (default DIR: target/native-probe)
#
# Needs Temurin 25 (TEMURIN, default /usr/lib/jvm/temurin-25-jdk-amd64), Maven Central, and Debian's gcc, libc
# and zlib headers, python3 and unzip: missing Debian packages are installed with apt-get when running as root.
# Exit code 3 means "no builder can be assembled on this machine" (callers may skip the native part on it).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
NI=$(mkdir -p "${1:-$ROOT/target/native-probe}" && cd "${1:-$ROOT/target/native-probe}" && pwd)
TEMURIN=${TEMURIN:-/usr/lib/jvm/temurin-25-jdk-amd64}
export TEMURIN

if [ ! -x "$TEMURIN/bin/java" ] || ! "$TEMURIN/bin/java" -version 2>&1 | grep -q 'version "25'; then
    echo "native-probe: no Temurin 25 at $TEMURIN: cannot assemble the builder" >&2
    exit 3
fi

# Debian packages the glue and the image's link step need
missing=()
command -v gcc >/dev/null || missing+=(gcc)
[ -f /usr/include/zlib.h ] || missing+=(zlib1g-dev)
[ -f /usr/include/stdio.h ] || missing+=(libc6-dev)
command -v python3 >/dev/null || missing+=(python3)
command -v unzip >/dev/null || missing+=(unzip)
command -v nm >/dev/null || missing+=(binutils)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "native-probe: installing ${missing[*]}" >&2
        apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
    else
        echo "native-probe: missing ${missing[*]} (install them, or run as root)" >&2
        exit 3
    fi
fi

# reuse a complete assembly made from the same files
stamp=$(cat "$HERE"/assemble.sh "$HERE"/runner.sh "$HERE"/mini_driver.py "$HERE"/GenExports.java "$HERE"/src/*.c \
    "$HERE"/src/mkjvm.sh | sha256sum | cut -c1-16)-$("$TEMURIN/bin/java" -version 2>&1 | head -1 | tr -dc '0-9.')
if [ -f "$NI/.assembled" ] && [ "$(cat "$NI/.assembled")" = "$stamp" ] && [ -x "$NI/gvm/bin/native-image" ]; then
    echo "$NI/gvm"
    exit 0
fi

rm -f "$NI/.assembled"
cp -r "$HERE"/assemble.sh "$HERE"/runner.sh "$HERE"/mini_driver.py "$HERE"/GenExports.java "$NI"/
mkdir -p "$NI/src" && cp "$HERE"/src/* "$NI/src/"
# the builder jars come from Maven Central through the project's Maven wrapper and local repository
NI=$NI MVN="$ROOT/mvnw" bash "$NI/assemble.sh" >&2
echo "$stamp" > "$NI/.assembled"
echo "$NI/gvm"
