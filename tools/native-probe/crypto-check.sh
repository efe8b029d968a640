#!/usr/bin/env bash
# Builds io.kstretch.certs.NativeCryptoCheck (test code) as a small native executable with the stand-in builder and
# runs it twice: EC P-256 keys, SHA256withECDSA, X.509 issue/parse/verify must work natively, and the two runs'
# SecureRandom bytes must differ (seeded at run time). Application classes are initialised at build time, as
# Quarkus does for the operator. Needs target/classes and target/test-classes (./mvnw test-compile).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
GVM=$(bash tools/native-probe/setup.sh "${NATIVE_PROBE_DIR:-$ROOT/target/native-probe}")
[ -f target/test-classes/io/kstretch/certs/NativeCryptoCheck.class ] || ./mvnw -q -B test-compile
out=target/native-crypto-check
mkdir -p "$out"
start=$(date +%s)
(cd "$out" && "$GVM/bin/native-image" -J-Xmx2g --no-fallback --initialize-at-build-time=io.kstretch \
    -cp "$ROOT/target/classes:$ROOT/target/test-classes" -o crypto-check io.kstretch.certs.NativeCryptoCheck \
    > build.log 2>&1) || { tail -60 "$out/build.log"; exit 1; }
echo "[native crypto check] built in $(( $(date +%s) - start )) s"
"$out/crypto-check" | tee "$out/run1.txt"
"$out/crypto-check" > "$out/run2.txt"
a=$(grep "first bytes" "$out/run1.txt"); b=$(grep "first bytes" "$out/run2.txt")
if [ "$a" = "$b" ]; then
    echo "[native crypto check] FAIL: two runs drew the same random bytes ($a): seeded at build time"
    exit 1
fi
echo "[native crypto check] two runs drew different random bytes: seeded at run time"
