#!/usr/bin/env bash
# Runs Maven with the native profile on a machine WITHOUT GraalVM/Mandrel or a container runtime, using the
# stand-in builder of this folder (VERIFICATION ONLY: see README.md). Assembles it first (setup.sh; seconds).
#
#   tools/native-probe/mvn-native.sh -B verify -Dkstretch.skipUnitTests=true   # native build + packaged-app tests
#   tools/native-probe/mvn-native.sh -B package -DskipTests                    # the native build only
#
# Maven runs on Temurin 25 (the builder's JDK); the application is still Java 17 bytecode. The builder heap is
# capped at 4 GiB (NATIVE_IMAGE_XMX). jboss-threads, initialised at build time, needs java.lang opened to it on
# JDK 25; that flag is appended to the project's own quarkus.native.additional-build-args.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
GVM=$(bash tools/native-probe/setup.sh "${NATIVE_PROBE_DIR:-$ROOT/target/native-probe}")
export JAVA_HOME=${TEMURIN:-/usr/lib/jvm/temurin-25-jdk-amd64}
start=$(date +%s)
status=0
./mvnw "$@" -Dnative \
    -Dquarkus.native.graalvm-home="$GVM" \
    -Dquarkus.native.native-image-xmx="${NATIVE_IMAGE_XMX:-4g}" \
    "-Dquarkus.native.additional-build-args-append=-J--add-opens=java.base/java.lang=ALL-UNNAMED" || status=$?
runner=$(ls target/*-runner 2>/dev/null | head -1 || true)
if [ -n "$runner" ]; then
    echo "[native] executable $runner: $(( $(stat -c %s "$runner") / 1048576 )) MiB; Maven took $(( $(date +%s) - start )) s"
fi
exit $status
