-- The record store the PostgreSQL sink writes (crawler/sinks/postgres.py): one row per
-- record id, the same columns as the SQLite sink's `records`, and `seq`, the feed order.
CREATE SEQUENCE records_seq;

CREATE TABLE records (
    id           text PRIMARY KEY,
    source       text,
    url          text,
    fetched_at   text,
    json         jsonb NOT NULL,
    content_hash text NOT NULL,
    revision     integer NOT NULL DEFAULT 1,
    run_id       text,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    seq          bigint NOT NULL
);
CREATE UNIQUE INDEX records_seq_unique ON records (seq);
CREATE INDEX records_source_seq ON records (source, seq);
CREATE INDEX records_source_fetched ON records (source, fetched_at);

-- One row per worker per crawl of a source.
CREATE TABLE runs (
    run_id          text NOT NULL,
    source          text NOT NULL,
    worker          text NOT NULL,
    started_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    status          text NOT NULL,
    records_written integer NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, source, worker)
);
