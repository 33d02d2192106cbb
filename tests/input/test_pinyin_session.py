"""PinyinSession against the real libgooglepinyin0 decoder and its own dictionary (no mock)."""
import threading

import pytest

from kiosk.input.googlepinyin import ENGINE, find_dictionary
from kiosk.i18n import load_strings
from kiosk.input.pinyin import CompositionFull, PinyinSession


@pytest.fixture
def session():
    s = PinyinSession()
    yield s
    s.reset()


def test_the_real_engine_and_dictionary_are_loaded():
    ENGINE.open()
    assert ENGINE.is_open
    assert find_dictionary().stat().st_size > 1_000_000  # the packaged system dictionary
    assert ENGINE.search("nihao") > 0
    assert ENGINE.candidate(0) == "你好"


@pytest.mark.parametrize("letters, first", [
    ("beijingshichaoyangqu", "北京市朝阳区"),
    ("shanghaishipudongxinqu", "上海市浦东新区"),
    ("zhongguancundajie", "中关村大街"),
    ("zhangsan", "张三"),
])
def test_sentence_candidates_for_addresses_and_names(session, letters, first):
    for ch in letters:  # one keystroke at a time, as on the keypad
        session.type(ch)
    assert session.candidates(0).items[0] == first


def test_partial_choice_zhang_then_san(session):
    session.type("zhangsan")
    page = session.candidates(0)
    assert page.items[1] == "张"
    assert session.choose(1) is None          # only 张 is fixed
    assert session.preedit() == "张san"
    rest = session.candidates(0).items
    assert "三" in rest and "张" not in rest[:1]
    assert session.choose(rest.index("三")) == "张三"
    assert not session.composing


def test_backspace_keeps_the_choice_and_reopens_the_rest(session):
    session.type("zhangsan")
    session.choose(1)
    session.backspace()
    assert session.letters == "zhangsa"
    assert session.preedit() == "张sa"
    session.type("n")
    assert session.preedit() == "张san"


def test_the_separator_splits_syllables(session):
    session.type("xi'an")
    assert session.candidates(0).items[0] == "西安"
    session.reset()
    session.type("xian")
    assert session.candidates(0).items[0] != "西安"  # without ' it reads as one syllable (先/现...)


def test_pages_move_through_the_candidates(session):
    session.type("li")
    first, second = session.candidates(0), session.candidates(1)
    assert first.has_next and not first.has_previous and second.has_previous
    assert len(first.items) == 8 and not set(first.items) & set(second.items)


def test_commit_takes_the_best_reading_and_resets(session):
    session.type("wohenhao")
    assert session.commit() == "我很好"
    assert session.letters == "" and session.candidate_count() == 0


def test_only_pinyin_keys_are_accepted(session):
    with pytest.raises(ValueError, match="a-z"):
        session.type("zhang3")
    assert session.letters == ""


def test_two_sessions_sharing_the_decoder_keep_their_own_state():
    a, b = PinyinSession(), PinyinSession()
    a.type("zhangsan")
    a.choose(1)
    b.type("beijing")
    assert b.candidates(0).items[0] == "北京"
    assert a.preedit() == "张san"              # replayed after b used the decoder
    assert "三" in a.candidates(0).items
    a.reset(), b.reset()


def test_sessions_on_worker_threads_get_their_own_candidates():
    words = {"beijing": "北京", "shanghai": "上海", "guangzhou": "广州", "shenzhen": "深圳"}
    results: dict[str, list[str]] = {w: [] for w in words}

    def work(letters):
        s = PinyinSession()
        for _ in range(20):
            s.reset()
            for ch in letters:
                s.type(ch)
            results[letters].append(s.candidates(0).items[0])

    threads = [threading.Thread(target=work, args=(w,)) for w in words]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for letters, first in words.items():
        assert results[letters] == [first] * 20


def test_forget_drops_what_residents_taught_the_engine(session):
    session.type("zhangsan")
    session.choose(4)
    session.choose(5)
    session.type("zhangsan")
    taught = set(session.candidates(0).items[:4])
    session.reset()
    ENGINE.forget()
    session.type("zhangsan")
    fresh = set(session.candidates(0).items[:4])
    assert taught - fresh, "the learned two-character word must be gone after forget()"
    assert session.candidates(0).items[0] == "张三"


def test_predictions_follow_committed_text(session):
    assert "市" in session.predictions("北京")


def test_a_composition_longer_than_the_decoder_reads_is_refused_without_losing_letters(session):
    session.type("beijingshichaoyangqujianguomenwaidajie")  # 38 letters
    with pytest.raises(CompositionFull):
        session.type("yi")
    assert session.letters == "beijingshichaoyangqujianguomenwaidajie"
    assert session.commit().startswith("北京市朝阳区")  # committing frees the room again
    session.type("yi")
    assert "input.pinyin.full" in load_strings()


def test_deleting_into_a_chosen_syllable_drops_that_choice_but_keeps_the_letters(session):
    session.type("zhangsan")
    session.choose(1)
    for _ in range(4):
        session.backspace()
    assert session.letters == "zhan" and session.chosen == ""
    assert session.preedit() == "zhan"
    assert session.candidates(0).items  # candidates for zhan (站, 战 ...)


def test_after_a_partial_choice_backspacing_to_the_chosen_part_commits_it(session):
    session.type("zhangsan")
    session.choose(1)
    for _ in range(3):
        session.backspace()
    assert session.preedit() == "张" and session.complete()
    assert session.commit() == "张"
