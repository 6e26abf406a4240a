-- Substring search on base names for the admin listings' `name` filter: a trigram GIN index lets
-- LOWER(name) LIKE '%text%' use an index instead of reading every row. pg_trgm ships with PostgreSQL's
-- contrib modules and is a trusted extension (the database owner may create it). Where it is not
-- available the schema still applies and the filter keeps working, by a scan.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm is not available (%): the name filter of the admin listings will scan', SQLERRM;
END
$$;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        CREATE INDEX IF NOT EXISTS ix_catalog_dtables_name_trgm ON catalog_dtables USING gin (LOWER(name) gin_trgm_ops);
    END IF;
END
$$;
