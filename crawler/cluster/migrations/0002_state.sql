-- The state store (crawler/state/postgres*.py): the same tables as the SQLite state file.
CREATE TABLE pages (
    url            text PRIMARY KEY,
    record_id      text NOT NULL,
    revision       integer NOT NULL,
    content_hash   text NOT NULL,
    extracted_hash text NOT NULL,
    key_hash       text NOT NULL,
    last_seen      text NOT NULL,
    etag           text,
    last_modified  text
);

-- Validators of fresh responses waiting for their record; `owner` is the store handle (one
-- per worker), so one worker's drop_pending() never forgets another worker's stash.
CREATE TABLE pending_validators (
    url           text NOT NULL,
    owner         text NOT NULL,
    etag          text,
    last_modified text,
    PRIMARY KEY (url, owner)
);

CREATE TABLE template_sites (
    site  text PRIMARY KEY,
    pages integer NOT NULL
);

CREATE TABLE template_lines (
    site       text NOT NULL,
    key        text NOT NULL,
    text       text NOT NULL,
    pages      integer NOT NULL,
    interior   integer NOT NULL,
    words      integer NOT NULL,
    first_page integer NOT NULL,
    PRIMARY KEY (site, key)
);

CREATE TABLE dedup_docs (
    doc             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    record_id       text NOT NULL UNIQUE,
    group_id        text NOT NULL,
    content_hash    text NOT NULL,
    site            text NOT NULL,
    site_name       text,
    original_source text,
    published_at    text,
    shingles        integer NOT NULL,
    signature       bytea NOT NULL
);
CREATE INDEX dedup_docs_content_hash ON dedup_docs (content_hash);
CREATE INDEX dedup_docs_group ON dedup_docs (group_id);

CREATE TABLE dedup_bands (
    band_key bigint NOT NULL,
    doc      bigint NOT NULL,
    PRIMARY KEY (band_key, doc)
);

CREATE TABLE dedup_groups (
    group_id    text PRIMARY KEY,
    original_id text NOT NULL
);
