#!/bin/bash
# Creates the topics listed in config/kafka-topics.conf ("<name> <retention>") on the broker given, if missing.
# Used by docker/compose.yaml; devstack does the same in io.eventbank.devstack.broker.BrokerMain.
set -euo pipefail
bootstrap="$1"
topics="$2"
partitions="${PARTITIONS:-6}"

retention_ms() {
  case "$1" in
    forever) echo -1 ;;
    *d) echo $(( ${1%d} * 86400000 )) ;;
    *h) echo $(( ${1%h} * 3600000 )) ;;
    *m) echo $(( ${1%m} * 60000 )) ;;
    *) echo "bad retention: $1" >&2; exit 1 ;;
  esac
}

grep -v '^\s*#' "$topics" | while read -r name retention; do
  [ -z "${name:-}" ] && continue
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --create --if-not-exists \
    --topic "$name" --partitions "$partitions" --replication-factor 1 \
    --config "retention.ms=$(retention_ms "$retention")"
done
