-- Base content (grains/Content): an operation log plus periodic snapshots, so that a row write appends
-- one small row instead of rewriting the whole base. A snapshot is the base's content.json (gzip) after
-- operation `version`; content_ops holds the operations after it, one row per acknowledged write, in
-- order. Writing a snapshot deletes the operations it covers, in the same transaction.
CREATE TABLE IF NOT EXISTS content_snapshots
(
    base_uuid TEXT    NOT NULL PRIMARY KEY,
    version   INTEGER NOT NULL,
    content   BLOB    NOT NULL,
    saved_at  INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS content_ops
(
    base_uuid TEXT    NOT NULL,
    version   INTEGER NOT NULL,
    op        BLOB    NOT NULL,
    PRIMARY KEY (base_uuid, version)
) WITHOUT ROWID;

-- Idempotency-Key of row writes (24 h per base): written in the same transaction as the content_ops row of
-- the write it answers, so a key is recorded exactly when its write is; answer is the grain's reply.
CREATE TABLE IF NOT EXISTS content_idempotency
(
    base_uuid   TEXT    NOT NULL,
    idem_key    TEXT    NOT NULL,
    fingerprint TEXT    NOT NULL,
    answer      BLOB    NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (base_uuid, idem_key)
) WITHOUT ROWID;
