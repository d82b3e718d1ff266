-- The account schema of account-service; Flyway creates the schema itself (quarkus.flyway.schemas).
select 1;
