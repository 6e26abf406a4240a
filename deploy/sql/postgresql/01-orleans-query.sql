-- The table from which Orleans' ADO.NET providers read their SQL at silo start (one row per query key).
-- The project's own schema, written to the providers' documented contract. Every script here is
-- idempotent: apply them in file-name order, again after an upgrade, with psql -v ON_ERROR_STOP=1.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64)   NOT NULL PRIMARY KEY,
    QueryText varchar(8000) NOT NULL
);
