"""Errors as values: a code, a message key with its arguments, and a location.

The CLI is the one place that turns them into text (in the user's language) and exit codes.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_NOT_MET = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_INTERNAL = 4
EXIT_INTERRUPTED = 130  # SIGINT (Ctrl-C): 128 + 2, as a shell reports it
EXIT_TERMINATED = 143  # SIGTERM: 128 + 15


class Terminated(BaseException):
    """SIGTERM, raised where the program is, as Ctrl-C raises KeyboardInterrupt, so that a batch
    stops its workers and records nothing before it exits 143. A BaseException, so that no
    `except Exception` on the way swallows it."""


class YiyangError(Exception):
    """A user-facing failure: never shown as a traceback."""

    exit_code = EXIT_INPUT
    lang = "zh"  # the language str(error) is written in; the API sets the caller's

    def __init__(self, key: str, location: str = "", /, **args):
        super().__init__(key)
        self.key = key
        self.location = location
        self.args_ = args

    def __str__(self) -> str:
        return self.render(self.lang)

    def render(self, lang: str) -> str:
        from .messages import t

        text = t(self.key, lang, **self.args_)
        return f"{self.location}: {text}" if self.location else text


class UsageError(YiyangError):
    exit_code = EXIT_USAGE


class InputError(YiyangError):
    """An input file cannot be read."""


class RuleError(YiyangError):
    """A rule file is invalid. Carries every problem found, each with its location."""

    def __init__(self, problems: list[tuple[str, str, dict]]):
        first_key, first_loc, first_args = problems[0]
        super().__init__(first_key, first_loc, **first_args)
        self.problems = problems

    def render(self, lang: str) -> str:
        from .messages import t

        lines = []
        for key, loc, args in self.problems:
            text = t(key, lang, **args)
            lines.append(f"{loc}: {text}" if loc else text)
        return "\n".join(lines)
