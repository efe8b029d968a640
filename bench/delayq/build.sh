#!/bin/sh
# Builds the NFQUEUE delay daemon (delayq.c) into ${1:-target/delayq}/delayq, installing what it needs first when
# missing: gcc, libnetfilter-queue-dev, iptables, iproute2, iputils-ping (Debian/Ubuntu, with apt-get, as root).
# Used by io.kstretch.dev.LatencyBench; safe to run again (it rebuilds only when delayq.c is newer).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../../target/delayq}
missing=""
command -v gcc >/dev/null 2>&1 || missing="$missing gcc libc6-dev"
[ -f /usr/include/libnetfilter_queue/libnetfilter_queue.h ] || missing="$missing libnetfilter-queue-dev"
command -v iptables >/dev/null 2>&1 || missing="$missing iptables"
command -v ip >/dev/null 2>&1 || missing="$missing iproute2"
command -v ping >/dev/null 2>&1 || missing="$missing iputils-ping"
if [ -n "$missing" ]; then
  echo "delayq: installing$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
mkdir -p "$out"
if [ ! -x "$out/delayq" ] || [ "$here/delayq.c" -nt "$out/delayq" ]; then
  gcc -O2 -Wall -o "$out/delayq" "$here/delayq.c" -lnetfilter_queue -lnfnetlink
fi
echo "$out/delayq"
