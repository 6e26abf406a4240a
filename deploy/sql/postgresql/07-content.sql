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

-- Idempotency-Key of row writes (24 h per base): written in the same transaction as the content_ops row of
-- the write it answers, so a key is recorded exactly when its write is; answer is the grain's reply.
CREATE TABLE IF NOT EXISTS content_idempotency
(
    base_uuid   text   NOT NULL,
    idem_key    text   NOT NULL,
    fingerprint text   NOT NULL,
    answer      bytea  NOT NULL,
    created_at  bigint NOT NULL,
    PRIMARY KEY (base_uuid, idem_key)
);
