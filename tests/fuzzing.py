"""The hypothesis profiles of the property tests (tests/test_properties_*.py) and what they share.

`ci` is the default: a small example budget, no deadline (the machine is shared, a slow example is
not a failure) and derandomised, so that CI runs the same examples every time and a red run can be
repeated. `long` (HYPOTHESIS_PROFILE=long) runs thousands of examples with fresh randomness and
keeps what it finds in .hypothesis/ to replay it; run it locally after touching the expression
language, the value parsers or a reader:

    HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/test_properties_*.py

Every failure a profile finds is reduced to its smallest example and added as an `@example(...)`
to the property, so that it stays a regression test in the `ci` run.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

PROFILE_ENV = "HYPOTHESIS_PROFILE"
CI_EXAMPLES = 60
LONG_EXAMPLES = 4000

settings.register_profile(
    "ci",
    max_examples=CI_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,  # nothing written into the working tree; derandomised runs replay anyway
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "long", max_examples=LONG_EXAMPLES, deadline=None, print_blob=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get(PROFILE_ENV, "ci"))


def budget(share: float) -> settings:
    """Settings for a property whose examples are expensive (a file written and read): `share` of the
    loaded profile's budget, so that `long` still runs such a property many times more than `ci`."""
    return settings(max_examples=max(5, round(settings.default.max_examples * share)))


def _cell_strategies():
    """What a cell of a submitted sheet can hold, as its reader gives it."""
    import datetime as dt

    from hypothesis import strategies as st

    from yiyang_cli.reader.values import FALSE_WORDS, MISSING_MARKS, TRUE_WORDS

    digits = st.text("0123456789０１２３４５６７８９", min_size=1, max_size=7)
    marks = st.sampled_from(["", "%", "％", "张", "人", "个", "万元", "年", "月", "日", ".", "．", ",", "，", " ", "-"])
    formy = st.lists(st.one_of(digits, marks), max_size=5).map("".join)
    words = st.sampled_from(
        sorted(TRUE_WORDS | FALSE_WORDS | MISSING_MARKS | {"三级甲等", "参照二级", "未定级", "二乙", "#N/A", "#DIV/0!"})
    )
    text = st.one_of(formy, words, st.text(max_size=12), st.builds(lambda a, b: f"{a}\n{b}", words, words))
    return st.one_of(
        text,
        st.none(),
        st.booleans(),
        st.integers(-(10**20), 10**20),
        st.integers(),
        st.floats(),  # nan and ±inf included
        st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
        st.datetimes(dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31, 23, 59, 59)),
        st.times(),
    )


cells = _cell_strategies()
