"""PinyinSession: one composition typed on the touch keypad, candidates page by page, partial choices.

Safe to drive from a worker thread: every call takes the engine lock, and a session that finds the
decoder holding another session's state replays its own (letters, then its choices by text).
"""
from __future__ import annotations

from dataclasses import dataclass

from kiosk.input.googlepinyin import ENGINE, MAX_SPELLING, GooglePinyinEngine

SEPARATOR = "'"
LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz" + SEPARATOR)
PAGE_SIZE = 8
MAX_SCAN = 400  # how far to look for a remembered choice when replaying


class CompositionFull(ValueError):
    """More letters than the decoder reads at once: choose or commit part first (key input.pinyin.full)."""


@dataclass(frozen=True)
class CandidatePage:
    """One page of the candidate bar: texts, the page number and whether more pages follow."""

    items: tuple[str, ...]
    page: int
    has_previous: bool
    has_next: bool


class PinyinSession:
    """The composition being typed: letters, chosen parts (张|san), candidates, commit and reset."""

    def __init__(self, engine: GooglePinyinEngine = ENGINE, page_size: int = PAGE_SIZE) -> None:
        self._engine = engine
        self._page_size = page_size
        self._letters = ""
        self._choices: list[str] = []  # texts fixed so far, in order
        self._count = 0
        engine.open()

    # -- state -------------------------------------------------------------------------------
    @property
    def letters(self) -> str:
        """The letters typed in this composition."""
        return self._letters

    @property
    def chosen(self) -> str:
        """The Chinese text fixed by partial choices so far."""
        return "".join(self._choices)

    @property
    def composing(self) -> bool:
        """True while there is something typed and not yet committed."""
        return bool(self._letters)

    def preedit(self) -> str:
        """What the input line shows: the fixed part then the letters still open ("张san")."""
        with self._engine.lock:
            self._sync()
            if not self._choices:
                return self._letters
            starts = self._engine.syllable_starts()
            fixed = self._engine.fixed_length()
            cut = starts[fixed] if fixed < len(starts) else len(self._letters)
            return self.chosen + self._letters[cut:]

    # -- keys --------------------------------------------------------------------------------
    def type(self, text: str) -> int:
        """Add letters (a-z and ' as a syllable separator); returns the number of candidates.

        Raises ValueError for other characters and CompositionFull past MAX_SPELLING letters; in both
        cases nothing is added, so the screen can say why and the letters typed so far stay.
        """
        clean = text.lower()
        bad = [ch for ch in clean if ch not in LETTERS]
        if bad:
            raise ValueError(f"pinyin keys are a-z and {SEPARATOR!r}, not {''.join(bad)!r}")
        with self._engine.lock:
            if len(self._letters) + len(clean) > MAX_SPELLING:
                raise CompositionFull(f"at most {MAX_SPELLING} letters at once; choose or commit first")
            self._letters += clean
            return self._research()

    def backspace(self) -> int:
        """Delete the last letter; choices over the letters before it stay."""
        with self._engine.lock:
            if not self._letters:
                return 0
            self._sync()
            self._letters = self._letters[:-1]
            return self._research()

    def reset(self) -> None:
        """Throw the composition away."""
        with self._engine.lock:
            self._letters, self._choices, self._count = "", [], 0
            if self._engine.owner is self:
                self._engine.reset()

    def wipe(self) -> None:
        """End of the kiosk session: drop the composition and everything the decoder learned."""
        with self._engine.lock:
            self.reset()
            self._engine.forget()

    # -- candidates ----------------------------------------------------------------------------
    def candidate_count(self) -> int:
        """How many candidates the engine offers now."""
        with self._engine.lock:
            self._sync()
            return self._count

    def _display(self, index: int, text: str) -> str:
        # After a partial choice, candidate 0 is the whole sentence including the fixed part.
        if index == 0 and self._choices and text.startswith(self.chosen):
            return text[len(self.chosen):]
        return text

    def candidates(self, page: int = 0) -> CandidatePage:
        """Page `page` of the candidate bar (PAGE_SIZE texts)."""
        with self._engine.lock:
            self._sync()
            start = page * self._page_size
            texts = self._engine.candidates(start, min(self._page_size, max(self._count - start, 0)))
            items = tuple(self._display(start + i, t) for i, t in enumerate(texts))
            return CandidatePage(items, page, page > 0, start + self._page_size < self._count)

    def complete(self) -> bool:
        """True when choices cover every syllable typed."""
        with self._engine.lock:
            self._sync()
            if not self._choices:
                return False
            return self._engine.fixed_length() >= len(self._engine.syllable_starts()) - 1

    def choose(self, index: int) -> str | None:
        """Choose candidate `index` (absolute); returns the finished text once all is chosen, else None."""
        with self._engine.lock:
            self._sync()
            if not 0 <= index < self._count:
                raise IndexError(f"no candidate {index} (there are {self._count})")
            text = self._display(index, self._engine.candidate(index) or "")
            self._count = self._engine.choose(index)
            self._choices.append(text)
            if self.complete():
                return self.commit()
            return None

    def commit(self) -> str:
        """Finish the composition with the best reading of what is still open; returns the text."""
        with self._engine.lock:
            self._sync()
            if not self._letters:
                return ""
            best = self._engine.candidate(0) if self._count else None
            text = best if best and best.startswith(self.chosen) else self.chosen + self._letters
            self.reset()
            return text

    def predictions(self, history: str) -> list[str]:
        """What usually follows the text just committed (shown when nothing is being typed)."""
        with self._engine.lock:
            self._engine.owner = None  # im_get_predicts clears the decoder's composition
            return self._engine.predictions(history)

    # -- engine state --------------------------------------------------------------------------
    def _research(self) -> int:
        """Re-decode the letters, keeping choices the engine still holds, replaying the rest."""
        engine = self._engine
        if not self._letters:
            self._choices, self._count = [], 0
            engine.reset()
            engine.owner = self
            return 0
        if engine.owner is self:
            # Same session: im_search is incremental and keeps fixed lemmas in the unchanged prefix.
            self._count = engine.search(self._letters)
            if not self._choices or engine.fixed_length() == self._fixed_syllables_expected():
                return self._count
        self._replay()
        return self._count

    def _fixed_syllables_expected(self) -> int:
        return len(self.chosen)  # one hanzi per fixed syllable in this decoder

    def _sync(self) -> None:
        if self._engine.owner is not self:
            self._replay()

    def _replay(self) -> None:
        """Put this session's letters and choices into the shared decoder."""
        engine = self._engine
        engine.owner = self
        if not self._letters:
            engine.reset()
            self._count, self._choices = 0, []
            return
        engine.reset()
        self._count = engine.search(self._letters)
        kept: list[str] = []
        for text in self._choices:
            index = self._find(text, kept)
            if index is None:
                break  # the letters under this choice changed: drop it and the ones after
            self._count = engine.choose(index)
            kept.append(text)
        self._choices = kept

    def _find(self, text: str, kept: list[str]) -> int | None:
        prefix = "".join(kept)
        for i in range(min(self._count, MAX_SCAN)):
            cand = self._engine.candidate(i) or ""
            shown = cand[len(prefix):] if i == 0 and kept and cand.startswith(prefix) else cand
            if shown == text:
                return i
        return None
