#!/bin/bash
# The broker of docker/compose.yaml, as devstack's io.eventbank.devstack.broker.BrokerMain sets up its own:
#   kafka-setup.sh setup  <bootstrap> <kafka-topics.conf> <kafka-acls.conf>
#       once the broker answers: each service's SCRAM-SHA-512 user (its password from
#       EVENTBANK_KAFKA_PASSWORD_<SERVICE>, e.g. EVENTBANK_KAFKA_PASSWORD_ACCOUNT_SERVICE), the grants of
#       config/kafka-acls.conf, then the topics of config/kafka-topics.conf ("<name> <retention>") that are missing
#   kafka-setup.sh health <bootstrap>
#       whether the broker answers its administrator (the compose health check)
# The administrator signs in with PLAIN, a user of the broker's own configuration (EVENTBANK_KAFKA_ADMIN_PASSWORD).
# Grants are added, never removed here: a grant taken out of kafka-acls.conf is removed with kafka-acls.sh --remove
# (devstack's broker removes it by itself).
set -euo pipefail
mode="$1"
bootstrap="$2"
admin=$(mktemp)
trap 'rm -f "$admin"' EXIT
cat > "$admin" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="${EVENTBANK_KAFKA_ADMIN_PASSWORD:?set EVENTBANK_KAFKA_ADMIN_PASSWORD}";
PROPERTIES

if [ "$mode" = health ]; then
  "${KAFKA_HOME:-/opt/kafka}"/bin/kafka-broker-api-versions.sh --bootstrap-server "$bootstrap" \
    --command-config "$admin" >/dev/null 2>&1
  exit
fi
topics="$3"
acls="$4"
partitions="${PARTITIONS:-6}"

lines() { grep -v '^\s*#' "$1" | grep -v '^\s*$'; }

password_of() {
  local variable="EVENTBANK_KAFKA_PASSWORD_$(echo "$1" | tr 'a-z-' 'A-Z_')"
  echo "${!variable:?set $variable}"
}

for principal in $(lines "$acls" | awk '{print $1}' | sort -u); do
  "${KAFKA_HOME:-/opt/kafka}"/bin/kafka-configs.sh --bootstrap-server "$bootstrap" --command-config "$admin" --alter \
    --entity-type users --entity-name "$principal" \
    --add-config "SCRAM-SHA-512=[iterations=4096,password=$(password_of "$principal")]"
done

lines "$acls" | while read -r principal operation resource name; do
  pattern=literal
  case "$name" in *\*) name="${name%\*}"; pattern=prefixed ;; esac
  case "$operation" in describe-configs) operation=DescribeConfigs ;; esac
  "${KAFKA_HOME:-/opt/kafka}"/bin/kafka-acls.sh --bootstrap-server "$bootstrap" --command-config "$admin" --add \
    --allow-principal "User:$principal" --operation "$operation" "--$resource" "$name" \
    --resource-pattern-type "$pattern"
done

retention_ms() {
  case "$1" in
    forever) echo -1 ;;
    *d) echo $(( ${1%d} * 86400000 )) ;;
    *h) echo $(( ${1%h} * 3600000 )) ;;
    *m) echo $(( ${1%m} * 60000 )) ;;
    *) echo "bad retention: $1" >&2; exit 1 ;;
  esac
}

lines "$topics" | while read -r name retention; do
  "${KAFKA_HOME:-/opt/kafka}"/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --command-config "$admin" --create --if-not-exists \
    --topic "$name" --partitions "$partitions" --replication-factor 1 \
    --config "retention.ms=$(retention_ms "$retention")"
done
