"""Near-duplicate groups: exact copies, edited copies, look-alikes, revisions, persistence."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np

from crawler.dedup import NearDupIndex, mark, mark_batch, shingle_hashes
from crawler.dedup.shingles import uses_characters
from crawler.state import SQLiteStateStore
from extractors import Article, content_hash, count_words, record_id

STORY = [
    "The harbour council in Saltreach voted on Tuesday to close the old ferry pier after "
    "engineers found the timber piles had rotted far faster than the last survey predicted.",
    "Councillor Maren Holloway said the decision was painful but unavoidable, and that the "
    "ferry would use the freight quay until a new pier is built next spring.",
    "About four hundred commuters use the crossing every weekday, most of them nurses and "
    "teachers who work in the towns on the far side of the estuary.",
    "The council has asked the regional transport fund for eleven million to cover the "
    "rebuild, and expects an answer before the end of the summer recess.",
    "Local traders fear the longer walk from the freight quay will cost them passing trade "
    "during the busiest months of the tourist season.",
]
OTHER_SAME_TOPIC = [
    "The harbour board in Corrin Bay reopened its southern ferry pier on Friday after a "
    "three month refit paid for by a grant from the coastal recovery programme.",
    "Harbourmaster Tamsin Oyelaran said crossings would return to the summer timetable at "
    "once, with an extra evening sailing on Saturdays for visitors to the festival.",
    "The refit replaced the steel gangway and added a covered waiting room, which regular "
    "passengers had asked for since the storm damage two winters ago.",
    "Ticket prices will stay frozen until the autumn, the board said in a statement.",
]


def article(url: str, paragraphs: list[str], *, site_name: str | None = None,
            credits: str | None = None, published: str | None = None,
            language: str = "en", title: str | None = None) -> Article:
    text = "\n\n".join(paragraphs)
    return Article(id=record_id(url, text), url=url, canonical_url=url, title=title, text=text,
                   markdown=text, word_count=count_words(text), content_hash=content_hash(text),
                   language=language, site_name=site_name, original_source=credits,
                   published_at=published)


def test_exact_copy_joins_by_content_hash():
    with SQLiteStateStore.open() as store:
        index = NearDupIndex(store.dedup)
        first = index.add(article("https://a.example/1", STORY, published="2024-05-01"))
        second = index.add(article("https://b.example/9", STORY, published="2024-05-02"))
    assert first.group_id == second.group_id == first.record_id
    assert second.exact and second.similarity == 1.0
    assert second.duplicate_of == first.record_id and first.duplicate_of is None


def test_edited_copy_joins_and_same_topic_story_does_not():
    copy = ["(Saltreach Post) — " + STORY[0], *STORY[1:3], STORY[4],
            "Update: this story was updated with the council's funding request."]
    with SQLiteStateStore.open() as store:
        index = NearDupIndex(store.dedup)
        original = index.add(article("https://a.example/1", STORY))
        edited = index.add(article("https://b.example/2", copy))
        other = index.add(article("https://c.example/3", OTHER_SAME_TOPIC))
    assert edited.group_id == original.group_id and not edited.exact
    assert edited.matched == original.record_id and edited.similarity >= 0.45
    assert other.group_id != original.group_id and other.matched is None
    assert other.duplicate_of is None


def test_headline_line_does_not_count_against_a_copy():
    with SQLiteStateStore.open() as store:
        index = NearDupIndex(store.dedup)
        one = article("https://a.example/1", ["Pier to close in Saltreach", *STORY],
                      title="Pier to close in Saltreach")
        two = article("https://b.example/1", ["Commuters lose ferry pier", *STORY[:3]],
                      title="Commuters lose ferry pier")
        assert index.add(two).group_id == index.add(one).group_id


def test_a_revision_replaces_itself_instead_of_matching_itself():
    with SQLiteStateStore.open() as store:
        index = NearDupIndex(store.dedup)
        first = index.add(article("https://a.example/1", STORY))
        revised = article("https://a.example/1", [*STORY, "Update: the vote was unanimous."])
        again = index.add(revised)
        assert again.record_id == first.record_id and again.matched is None
        assert again.group_id == first.group_id and again.duplicate_of is None
        assert store.dedup.count() == 1


def test_groups_persist_across_runs_and_sources(tmp_path):
    path = tmp_path / "state.sqlite"
    with SQLiteStateStore.open(path) as store:
        first = NearDupIndex(store.dedup).add(article("https://a.example/1", STORY))
        store.commit()
    with SQLiteStateStore.open(path) as store:  # a later crawl of another source
        later = NearDupIndex(store.dedup).add(article("https://z.example/7", STORY[:4]))
    assert later.group_id == first.group_id and later.duplicate_of == first.record_id


def test_mark_writes_group_fields_and_batch_judges_with_all_members():
    copy = article("https://b.example/2", STORY[:4], site_name="Bay Echo",
                   credits="Harbour Ledger", published="2024-05-01T08:00:00+00:00")
    original = article("https://harbourledger.example/1", STORY, site_name="Harbour Ledger",
                       published="2024-05-01T09:00:00+00:00")
    with SQLiteStateStore.open() as store:
        index = NearDupIndex(store.dedup)
        streamed = mark(copy, index.add(copy))
    # Streaming: the copy came first and nothing better was known yet.
    assert streamed.group_id == copy.id and streamed.duplicate_of is None
    with SQLiteStateStore.open() as store:
        batch = mark_batch([copy, original], NearDupIndex(store.dedup))
    # Batch: the credited outlet's record is the original, though the copy is dated earlier.
    assert batch[0].duplicate_of == original.id and batch[1].duplicate_of is None
    assert batch[0].group_id == batch[1].group_id


def test_chinese_is_shingled_by_characters_and_still_grouped():
    zh = ["青川县防汛指挥部周三表示，沿河民房已经完成加固，情况十分突然，预计影响一千二百人。",
          "据市水务局公布的数据，青川县约有百分之三十七的排水管网受到影响，部分道路仍然封闭。",
          "在附近经营小店的林晓明说：“水涨得比任何人预料的都快，一楼的东西全都泡坏了。”",
          "市水务局表示，将在本月底前公布关于这次洪水的完整调查报告。"]
    other = ["临湖市交通工会周五宣布，地铁运营公司提出的薪资方案被会员拒绝，罢工将持续到下周。",
             "交通运输局发言人拒绝就罢工一事置评，但表示正在安排临时公交线路。",
             "乘客委员会估计，每天约有八万名通勤者受到影响。"]
    assert uses_characters("".join(zh), None) and uses_characters("x", "ja")
    assert not uses_characters("".join(STORY), None)
    with SQLiteStateStore.open() as store:
        index = NearDupIndex(store.dedup)
        a = index.add(article("https://cn-a.example/1", zh, language="zh"))
        b = index.add(article("https://cn-b.example/1", ["（江城日报）——" + zh[0], *zh[1:3]],
                              language="zh"))
        c = index.add(article("https://cn-c.example/1", other, language="zh"))
    assert b.group_id == a.group_id and c.group_id != a.group_id


def test_shingle_hashes_are_the_same_in_another_process():
    """The index is persistent: its hashes must not depend on Python's per-process salt."""
    text = " ".join(STORY)
    here = shingle_hashes(text).tolist()
    code = ("import sys; from crawler.dedup import shingle_hashes; "
            "print(shingle_hashes(sys.stdin.read()).tolist())")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True,
                         text=True, env=env, check=True).stdout
    assert out.strip() == str(here)
    assert len(here) > 100 and np.all(np.diff(here) > 0)  # sorted and distinct
