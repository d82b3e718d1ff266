-- The gateway schema of api-gateway; Flyway creates the schema itself (quarkus.flyway.schemas).
select 1;
