#!/bin/bash
# Runs once, when the postgres container makes its database: a login role per service (eventbank_<schema>), no
# superuser, owning its schema alone. The services connect as these roles, with EVENTBANK_DB_SERVICE_PASSWORD.
# For a volume made before this script existed, run it by hand:
#   docker compose -f docker/compose.yaml exec postgres bash /docker-entrypoint-initdb.d/10-roles.sh
set -euo pipefail
for schema in account transfer ledger gateway; do
  psql -v ON_ERROR_STOP=1 -v role="eventbank_${schema}" -v schema="${schema}" -v password="${EVENTBANK_DB_SERVICE_PASSWORD}" \
       -U "${POSTGRES_USER}" -d "${POSTGRES_DB}" <<'SQL'
select format('create role %I login nosuperuser nocreatedb nocreaterole', :'role')
  where not exists (select 1 from pg_roles where rolname = :'role') \gexec
alter role :"role" with login password :'password';
create schema if not exists :"schema" authorization :"role";
alter schema :"schema" owner to :"role";
SQL
done
