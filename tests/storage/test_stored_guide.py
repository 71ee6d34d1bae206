"""A grading guide stored by an older version that breaks a newer rule counts as no guide: the
grading desk says so instead of failing."""

from __future__ import annotations

from storage.grading import _guide


def test_a_stored_guide_that_no_longer_parses_is_none() -> None:
    assert _guide("kind: grading\ncode: cu\nyear_starts: 31/02\n") is None
    assert _guide("code: [unclosed\n") is None
