#!/bin/sh
# Start script of a kstretch Kafka node. Rendered by the operator into the pool's ConfigMap; do not edit.
# POSIX sh (the apache/kafka image is Alpine-based). Every path comes from the environment with the in-image
# default, so the same script runs unchanged outside a container.
set -eu

: "${KAFKA_HOME:=/opt/kafka}"
: "${KSTRETCH_CONFIG_DIR:=/opt/kstretch/config}"
: "${KSTRETCH_DATA_DIR:=/var/lib/kafka/data}"
: "${KSTRETCH_CERTS_DIR:=/opt/kstretch/certs}"
: "${KSTRETCH_WORK_DIR:=/tmp/kstretch}"
# empty: listen on every interface (a pod has its own network namespace)
: "${KSTRETCH_BIND_ADDRESS:=}"

log() { echo "kstretch: $*" >&2; }

# The node id is the pod's StatefulSet ordinal: the last dash-separated part of the pod name.
if [ -z "${KSTRETCH_NODE_ID:-}" ]; then
  host="${HOSTNAME:-$(hostname)}"
  KSTRETCH_NODE_ID="${host##*-}"
fi
case "$KSTRETCH_NODE_ID" in
  ''|*[!0-9]*) log "cannot tell the node id from '$KSTRETCH_NODE_ID' (set KSTRETCH_NODE_ID or HOSTNAME)"; exit 64 ;;
esac

src="$KSTRETCH_CONFIG_DIR/node-$KSTRETCH_NODE_ID.properties"
if [ ! -r "$src" ]; then
  log "no configuration for node $KSTRETCH_NODE_ID ($src); the pool's ConfigMap does not know this node yet"
  exit 65
fi

# sed replacement text: escape the characters sed treats specially after the '|' delimiter
esc() { printf '%s' "$1" | sed -e 's/[|&\\]/\\&/g'; }

mkdir -p "$KSTRETCH_WORK_DIR" "$KSTRETCH_DATA_DIR"
props="$KSTRETCH_WORK_DIR/server.properties"
sed -e "s|@@DATA_DIR@@|$(esc "$KSTRETCH_DATA_DIR")|g" \
    -e "s|@@CERTS_DIR@@|$(esc "$KSTRETCH_CERTS_DIR")|g" \
    -e "s|@@BIND_ADDRESS@@|$(esc "$KSTRETCH_BIND_ADDRESS")|g" \
    "$src" > "$props.tmp"
mv "$props.tmp" "$props"

if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi
classpath="$KAFKA_HOME/libs/*"
if [ -z "${KAFKA_LOG4J_OPTS:-}" ] && [ -r "$KAFKA_HOME/config/log4j2.yaml" ]; then
  KAFKA_LOG4J_OPTS="-Dlog4j2.configurationFile=$KAFKA_HOME/config/log4j2.yaml"
fi

# Format the storage once; --ignore-formatted makes this a no-op on every later start.
cluster_id=$(cat "$KSTRETCH_CONFIG_DIR/cluster-id")
format_args=""
if [ -r "$KSTRETCH_CONFIG_DIR/node-$KSTRETCH_NODE_ID.format-args" ]; then
  format_args=$(cat "$KSTRETCH_CONFIG_DIR/node-$KSTRETCH_NODE_ID.format-args")
fi
log "node $KSTRETCH_NODE_ID: formatting storage (if new) for cluster $cluster_id"
# shellcheck disable=SC2086 # format_args holds separate arguments without spaces inside them
"$java" ${KSTRETCH_TOOLS_HEAP_OPTS:--Xmx256m} ${KAFKA_LOG4J_OPTS:-} -cp "$classpath" kafka.tools.StorageTool \
  format --ignore-formatted --cluster-id "$cluster_id" --config "$props" $format_args

log "node $KSTRETCH_NODE_ID: starting Kafka"
# shellcheck disable=SC2086 # the *_OPTS variables hold several JVM options
exec "$java" ${KAFKA_HEAP_OPTS:--XX:MaxRAMPercentage=50.0} \
  ${KAFKA_JVM_PERFORMANCE_OPTS:--server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true} \
  ${KAFKA_LOG4J_OPTS:-} ${KAFKA_OPTS:-} -cp "$classpath" kafka.Kafka "$props"
