-- The ledger schema of ledger-projection; Flyway creates the schema itself (quarkus.flyway.schemas).
select 1;
