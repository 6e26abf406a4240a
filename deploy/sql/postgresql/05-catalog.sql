-- The catalog: the project's read model for listings across grains. Written only by grains (each row by
-- its owning grain, bases with a version guard), read only by listing endpoints. Times are Unix
-- milliseconds (UTC); flags are 0/1.
CREATE TABLE IF NOT EXISTS catalog_dtables
(
    uuid         text    NOT NULL PRIMARY KEY,
    id           bigint  NOT NULL,
    workspace_id bigint  NOT NULL,
    owner        text    NOT NULL,
    org_id       bigint  NOT NULL,
    name         text    NOT NULL,
    creator      text    NOT NULL,
    modifier     text    NOT NULL,
    created_at   bigint  NOT NULL,
    updated_at   bigint  NOT NULL,
    deleted      bigint  NOT NULL,
    delete_time  bigint  NULL,
    rows_count   bigint  NOT NULL,
    version      bigint  NOT NULL
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_catalog_dtables_id ON catalog_dtables (id);
CREATE INDEX IF NOT EXISTS ix_catalog_dtables_live ON catalog_dtables (deleted, id);
CREATE INDEX IF NOT EXISTS ix_catalog_dtables_owner ON catalog_dtables (owner, deleted, id);
CREATE INDEX IF NOT EXISTS ix_catalog_dtables_org ON catalog_dtables (org_id, deleted, id);
CREATE INDEX IF NOT EXISTS ix_catalog_dtables_trash ON catalog_dtables (deleted, delete_time, id);

CREATE TABLE IF NOT EXISTS catalog_users
(
    id            text    NOT NULL PRIMARY KEY,
    contact_email text    NOT NULL,
    name          text    NOT NULL,
    is_staff      bigint  NOT NULL,
    is_active     bigint  NOT NULL,
    org_id        bigint  NOT NULL,
    created_at    bigint  NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_catalog_users_created ON catalog_users (created_at, id);
CREATE INDEX IF NOT EXISTS ix_catalog_users_org ON catalog_users (org_id, id);

CREATE TABLE IF NOT EXISTS catalog_organizations
(
    id         bigint NOT NULL PRIMARY KEY,
    name       text    NOT NULL,
    creator    text    NOT NULL,
    url_prefix text    NOT NULL,
    created_at bigint  NOT NULL
);

-- Marks a data folder as set up; the first-start bootstrap (system admin) runs only when it is absent.
CREATE TABLE IF NOT EXISTS seatable_meta
(
    key   text NOT NULL PRIMARY KEY,
    value text NOT NULL
);
