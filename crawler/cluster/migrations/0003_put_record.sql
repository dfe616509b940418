-- The sink's whole write as one server-side call: one round trip per record instead of six
-- (BEGIN, lock, read, upsert, count, COMMIT). Called in autocommit mode, so the statement is
-- its own transaction and the advisory lock (p_lock, the schema's feed lock) is held until
-- it commits: seq numbers become visible in increasing order, and the read-compare-write of
-- content_hash/revision cannot interleave with another writer's. Returns false when the row
-- already holds this content (a retried or replayed page), true when it was written.
CREATE FUNCTION put_record(p_lock text, p_id text, p_source text, p_url text,
                           p_fetched_at text, p_json jsonb, p_content_hash text,
                           p_revision integer, p_run_id text)
RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    stored_hash text;
    stored_revision integer;
    known boolean;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext(p_lock));
    SELECT content_hash, revision INTO stored_hash, stored_revision
        FROM records WHERE id = p_id FOR UPDATE;
    known := FOUND;
    IF known AND stored_hash = p_content_hash THEN
        RETURN false;
    END IF;
    INSERT INTO records (id, source, url, fetched_at, json, content_hash, revision, run_id,
                         updated_at, seq)
    VALUES (p_id, p_source, p_url, p_fetched_at, p_json, p_content_hash,
            COALESCE(p_revision, CASE WHEN known THEN stored_revision + 1 ELSE 1 END),
            p_run_id, now(), nextval('records_seq'))
    ON CONFLICT (id) DO UPDATE SET
        source = excluded.source, url = excluded.url, fetched_at = excluded.fetched_at,
        json = excluded.json, content_hash = excluded.content_hash,
        revision = excluded.revision, run_id = excluded.run_id,
        updated_at = excluded.updated_at, seq = excluded.seq;
    RETURN true;
END;
$$;
