-- The catalog: the project's read model for listings across grains. Written only by grains (each row by
-- its owning grain, bases with a version guard), read only by listing endpoints. Times are Unix
-- milliseconds (UTC); flags are 0/1.
CREATE TABLE IF NOT EXISTS catalog_dtables
(
    uuid         TEXT    NOT NULL PRIMARY KEY,
    id           INTEGER NOT NULL,
    workspace_id INTEGER NOT NULL,
    owner        TEXT    NOT NULL,
    org_id       INTEGER NOT NULL,
    name         TEXT    NOT NULL,
    creator      TEXT    NOT NULL,
    modifier     TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    deleted      INTEGER NOT NULL,
    delete_time  INTEGER NULL,
    rows_count   INTEGER NOT NULL,
    version      INTEGER NOT NULL
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_catalog_dtables_id ON catalog_dtables (id);
CREATE INDEX IF NOT EXISTS ix_catalog_dtables_live ON catalog_dtables (deleted, id);
CREATE INDEX IF NOT EXISTS ix_catalog_dtables_owner ON catalog_dtables (owner, deleted, id);
CREATE INDEX IF NOT EXISTS ix_catalog_dtables_org ON catalog_dtables (org_id, deleted, id);
CREATE INDEX IF NOT EXISTS ix_catalog_dtables_trash ON catalog_dtables (deleted, delete_time, id);

CREATE TABLE IF NOT EXISTS catalog_users
(
    id            TEXT    NOT NULL PRIMARY KEY,
    contact_email TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    is_staff      INTEGER NOT NULL,
    is_active     INTEGER NOT NULL,
    org_id        INTEGER NOT NULL,
    created_at    INTEGER NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_catalog_users_created ON catalog_users (created_at, id);
CREATE INDEX IF NOT EXISTS ix_catalog_users_org ON catalog_users (org_id, id);

CREATE TABLE IF NOT EXISTS catalog_organizations
(
    id         INTEGER NOT NULL PRIMARY KEY,
    name       TEXT    NOT NULL,
    creator    TEXT    NOT NULL,
    url_prefix TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);

-- Marks a data folder as set up; the first-start bootstrap (system admin) runs only when it is absent.
CREATE TABLE IF NOT EXISTS seatable_meta
(
    key   TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);
