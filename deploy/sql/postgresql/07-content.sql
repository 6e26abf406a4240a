-- Base content (grains/Content): an operation log plus periodic snapshots, so that a row write appends
-- one small row instead of rewriting the whole base. A snapshot is the base's content.json (gzip) after
-- operation `version`; content_ops holds the operations after it, one row per acknowledged write, in
-- order. Writing a snapshot deletes the operations it covers, in the same transaction.
CREATE TABLE IF NOT EXISTS content_snapshots
(
    base_uuid text   NOT NULL PRIMARY KEY,
    version   bigint NOT NULL,
    content   bytea  NOT NULL,
    saved_at  bigint NOT NULL
);

CREATE TABLE IF NOT EXISTS content_ops
(
    base_uuid text   NOT NULL,
    version   bigint NOT NULL,
    op        bytea  NOT NULL,
    PRIMARY KEY (base_uuid, version)
);
