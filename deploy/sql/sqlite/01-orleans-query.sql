-- The table from which Orleans' ADO.NET providers read their SQL at silo start (one row per query key).
-- Written for this project from the providers' documented contract; applied on every start (idempotent).
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);
