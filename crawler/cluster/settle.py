"""Settling a finished cluster crawl: near-duplicate groups decided by content, not by timing.

While records stream in, a group is named after whichever member arrived first, and each
record's ``duplicate_of`` names the original as judged from the members known at that moment
(ties between equally old members go to the earlier arrival). With several workers the
arrival order changes from run to run, so those two fields would too. Once the crawl is
over (every worker runs this when the frontier has gone quiet; it is idempotent), every group
is judged again from all its members, with ties broken by record id instead of arrival:

* the original: the credited outlet's member, else the earliest published, else the
  smallest record id (:func:`crawler.dedup.choose_original` on members ranked by id);
* the group's id becomes the original's record id (unless another group already has that
  id, which only happens when a record's revision moved between groups; then it stays);
* records whose ``group_id`` or ``duplicate_of`` changed are rewritten in the record store
  and take a new feed ``seq``, so feed readers see the correction.

Group *membership* is whatever the serialised index decided (each record joins the most
similar earlier match): for clear copies that does not depend on order; a chain of texts
where A resembles B and B resembles C but not A can still split differently.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

import psycopg

from ..dedup import choose_original
from ..sinks.postgres import FEED_LOCK
from ..state.model import DedupEntry
from ..state.postgres_dedup import DEDUP_LOCK
from .pg import PgTarget, migrate, xact_lock

_MEMBERS = ("SELECT record_id, group_id, content_hash, site, site_name, original_source, "
            "published_at, shingles, signature, doc FROM dedup_docs ORDER BY record_id")

_REWRITE_RECORDS = """
UPDATE records AS r
SET json = jsonb_set(jsonb_set(r.json, '{group_id}', to_jsonb(d.group_id)),
                     '{duplicate_of}',
                     CASE WHEN g.original_id = r.id THEN 'null'::jsonb
                          ELSE to_jsonb(g.original_id) END),
    seq = nextval('records_seq'), updated_at = now()
FROM dedup_docs AS d JOIN dedup_groups AS g ON g.group_id = d.group_id
WHERE d.record_id = r.id
  AND (r.json -> 'group_id' IS DISTINCT FROM to_jsonb(d.group_id)
       OR r.json -> 'duplicate_of' IS DISTINCT FROM
          CASE WHEN g.original_id = r.id THEN 'null'::jsonb ELSE to_jsonb(g.original_id) END)
"""


@dataclass(frozen=True)
class SettleReport:
    groups: int
    renamed: int
    records_rewritten: int


def settle(target: PgTarget) -> SettleReport:
    migrate(target)
    with target.connect() as db:
        with db.transaction():
            xact_lock(db, target, DEDUP_LOCK)
            groups, renamed = _settle_groups(db)
        with db.transaction():
            xact_lock(db, target, FEED_LOCK)
            rewritten = db.execute(_REWRITE_RECORDS).rowcount
    return SettleReport(groups, renamed, max(rewritten, 0))


def _settle_groups(db: psycopg.Connection) -> tuple[int, int]:
    by_group: dict[str, list[DedupEntry]] = defaultdict(list)
    for row in db.execute(_MEMBERS):
        by_group[row[1]].append(DedupEntry(*row[:8], signature=bytes(row[8]), seen=row[9]))
    renamed = 0
    for group_id in sorted(by_group):
        members = by_group[group_id]
        # rank by record id: ties between equally old members no longer follow arrival
        ranked = [replace(m, seen=rank) for rank, m in enumerate(members)]
        original = choose_original(ranked).record_id
        target_id = original
        if target_id != group_id and target_id in by_group:
            target_id = group_id  # that id names another group: keep this one's
        if target_id != group_id:
            db.execute("UPDATE dedup_docs SET group_id = %s WHERE group_id = %s",
                       (target_id, group_id))
            db.execute("DELETE FROM dedup_groups WHERE group_id = %s", (group_id,))
            renamed += 1
        db.execute("INSERT INTO dedup_groups (group_id, original_id) VALUES (%s, %s) "
                   "ON CONFLICT (group_id) DO UPDATE SET original_id = excluded.original_id",
                   (target_id, original))
    return len(by_group), renamed
