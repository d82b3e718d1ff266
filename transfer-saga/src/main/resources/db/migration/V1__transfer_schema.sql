-- The transfer schema of transfer-saga; Flyway creates the schema itself (quarkus.flyway.schemas).
select 1;
