"""Command-line wiring. Heavy libraries (pandas, pydantic, calamine) are imported by the
commands themselves, so `yiyang --help` stays instant."""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from .errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_TERMINATED, Terminated, YiyangError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="yiyang：按医养结合规划检查报送数据 / check submissions against 医养结合 plans.",
)
plans_app = typer.Typer(no_args_is_help=True, help="规划目录 / the plan catalogue.")
app.add_typer(plans_app, name="plans")
rules_app = typer.Typer(no_args_is_help=True, help="规则文件 / rule files.")
app.add_typer(rules_app, name="rules")


class Lang(str, Enum):
    zh = "zh"
    en = "en"


class OutFormat(str, Enum):
    terminal = "terminal"
    md = "md"
    json = "json"
    html = "html"
    junit = "junit"
    github = "github"


class ListFormat(str, Enum):
    table = "table"
    json = "json"


class FailOn(str, Enum):
    mandatory = "mandatory"
    advisory = "advisory"
    never = "never"


class CompareFailOn(str, Enum):
    never = "never"
    newly_failed = "newly_failed"
    regressed = "regressed"


LANG = typer.Option(Lang.zh, "--lang", help="报告语言 / report language (zh, en).")


def guarded(func):
    """The one place that turns errors into messages and exit codes: no traceback for users."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        lang = kwargs.get("lang", Lang.zh)
        lang = lang.value if isinstance(lang, Lang) else str(lang)
        try:
            return func(*args, **kwargs)
        except YiyangError as err:
            from .messages import t

            typer.echo(f"{t('cli.error', lang)}: {_error_text(err, lang)}", err=True)
            raise typer.Exit(err.exit_code) from None
        except (typer.Exit, typer.Abort):
            raise
        except KeyboardInterrupt:
            from .messages import t

            typer.echo(t("cli.interrupted", lang), err=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except Terminated:
            from .messages import t

            typer.echo(t("cli.terminated", lang), err=True)
            raise typer.Exit(EXIT_TERMINATED) from None
        except BrokenPipeError:  # `yiyang check … | head`: the reader left, nothing to say
            sys.stderr.close()
            raise typer.Exit(0) from None
        except Exception as exc:  # a bug: one line asking for a report, never a traceback
            if os.environ.get("YIYANG_DEBUG"):
                raise
            from .messages import t
            from .render.sanitize import terminal_plain

            reason = " ".join(f"{type(exc).__name__}: {exc}".split())
            typer.echo(terminal_plain(t("cli.internal", lang, reason=reason)), err=True)
            raise typer.Exit(EXIT_INTERNAL) from None

    return wrapper


def _error_text(err: YiyangError, lang: str) -> str:
    """An error's message for stderr. It may quote a path, a sheet or a cell: control sequences in
    them are removed (a rule file's problems keep their one line each)."""
    from .errors import RuleError
    from .render.sanitize import terminal_lines, terminal_plain

    text = err.render(lang)
    return terminal_lines(text) if isinstance(err, RuleError) else terminal_plain(text)


@app.command()
@guarded
def check(
    files: list[Path] = typer.Argument(..., help="报送的 .xlsx/.xls/.ods/.csv 文件 / submitted files."),
    plan: str = typer.Option(..., "--plan", "-p", help="规划 id 或规则文件路径 / plan id or rule file."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="评估日期 YYYY-MM-DD，默认今天 / as-of date."),
    fmt: OutFormat = typer.Option(OutFormat.terminal, "--format", "-f", help="标准输出格式 / stdout format."),
    output: list[Path] = typer.Option(
        [], "--output", "-o", help="写报告（按扩展名 .md .html .json .xml）/ write a report."
    ),
    mapping: Optional[Path] = typer.Option(None, "--mapping", help="表头映射文件 / header mapping YAML."),
    fail_on: FailOn = typer.Option(FailOn.mandatory, "--fail-on", help="何种未达标导致退出码 1 / what fails the run."),
    lang: Lang = LANG,
):
    """检查报送数据是否达到规划目标 / check data against a plan.

    Example: yiyang check sample_data/yiwu-2023.xlsx --plan yiwu-2023 --as-of 2025-12-31
    """
    from .commands.check import run

    code = run(files, plan, as_of, fmt.value, output, mapping, fail_on.value, lang.value)
    raise typer.Exit(code)


@plans_app.command("list")
@guarded
def plans_list(fmt: ListFormat = typer.Option(ListFormat.table, "--format", "-f"), lang: Lang = LANG):
    """列出全部规划 / list the plans in the catalogue."""
    from .commands.plans import list_plans

    list_plans(fmt.value, lang.value)


@plans_app.command("show")
@guarded
def plans_show(
    plan_id: str = typer.Argument(..., metavar="ID"),
    fmt: ListFormat = typer.Option(ListFormat.table, "--format", "-f"),
    lang: Lang = LANG,
):
    """显示一个规划的全部指标 / show every indicator of a plan."""
    from .commands.plans import show_plan

    show_plan(plan_id, fmt.value, lang.value)


@app.command()
@guarded
def fields(fmt: ListFormat = typer.Option(ListFormat.table, "--format", "-f"), lang: Lang = LANG):
    """列出字段 id、中文名、别名与类型 / list field ids with labels, aliases and types."""
    from .commands.fields import list_fields

    list_fields(fmt.value, lang.value)


@rules_app.command("lint")
@guarded
def rules_lint(files: list[Path] = typer.Argument(..., help="规则文件 / rule files (.yaml)."), lang: Lang = LANG):
    """检查规则文件（无需数据）/ validate rule files without data.

    Example: yiyang rules lint my-county.yaml
    """
    from .commands.rules import lint

    raise typer.Exit(lint(files, lang.value))


@rules_app.command("test")
@guarded
def rules_test(files: list[Path] = typer.Argument(..., help="规则文件 / rule files (.yaml)."), lang: Lang = LANG):
    """运行规则文件中的测试样例（tests:）/ run the fixtures a rule file carries.

    Example: yiyang rules test rules/yiwu-2023.yaml
    """
    from .commands.rules import run_tests

    raise typer.Exit(run_tests(files, lang.value))


class SchemaName(str, Enum):
    result = "result"
    rules = "rules"


@app.command()
@guarded
def schema(which: SchemaName = typer.Argument(..., help="result 或 rules")):
    """打印 JSON Schema（结果或规则文件）/ print the JSON Schema of results or rule files.

    Example: yiyang schema rules > yiyang-rules.schema.json
    """
    from .commands.schema import print_schema

    print_schema(which.value)


@app.command()
@guarded
def template(
    plan: str = typer.Option(..., "--plan", "-p", help="规划 id 或规则文件路径 / plan id or rule file."),
    output: Path = typer.Option(..., "--output", "-o", help="要写的 .xlsx 采集表 / the .xlsx workbook to write."),
    lang: Lang = LANG,
):
    """生成规划所需数据的空白采集表 / write the blank data-collection workbook for a plan.

    Example: yiyang template --plan yiwu-2023 -o 采集表.xlsx
    """
    from .commands.template import write_template
    from .messages import t
    from .render.sanitize import terminal_plain

    path = write_template(plan, output, lang.value)
    typer.echo(terminal_plain(t("template.written", lang.value, path=str(path))), err=True)


@app.command()
@guarded
def batch(
    inputs: list[str] = typer.Argument(
        ...,
        metavar="DIR_OR_GLOB...",
        help="报送文件夹、文件或通配符；文件夹中每个文件或子文件夹为一份报送 / "
        "folders, files or glob patterns; in a folder each file or sub-folder "
        "is one submission.",
    ),
    plan: str = typer.Option(..., "--plan", "-p", help="规划 id 或规则文件路径 / plan id or rule file."),
    output: Path = typer.Option(..., "--output", "-o", help="输出目录 / output folder for reports and the summary."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="评估日期 YYYY-MM-DD，默认今天 / as-of date."),
    fmt: list[str] = typer.Option(
        [],
        "--format",
        "-f",
        help="每份报送的报告格式：md html json xml（可重复或逗号分隔，默认 json）/ "
        "per-submission report formats (repeat or comma-separate; default json).",
    ),
    mapping: Optional[Path] = typer.Option(None, "--mapping", help="表头映射文件 / header mapping YAML."),
    fail_on: FailOn = typer.Option(FailOn.mandatory, "--fail-on", help="何种未达标导致退出码 1 / what fails the run."),
    jobs: Optional[int] = typer.Option(
        None, "--jobs", "-j", help="并行进程数，默认为 CPU 核数 / worker processes (default: the number of cores)."
    ),
    history: Optional[Path] = typer.Option(
        None, "--history", help="把结果记入 SQLite 历史库 / record the results in an SQLite history."
    ),
    lang: Lang = LANG,
):
    """批量检查多份报送并生成汇总 / check many submissions and write a summary.

    Example: yiyang batch submissions/ --plan yiwu-2023 --as-of 2025-12-31 -o out/ --history results.sqlite
    """
    from .batch.pool import sigterm_raises
    from .commands.batch import run

    with sigterm_raises():  # SIGTERM stops the workers and records nothing, as Ctrl-C does
        code = run(inputs, plan, output, as_of, fmt, mapping, fail_on.value, lang.value, jobs, history)
    raise typer.Exit(code)


@app.command()
@guarded
def history(
    db: Path = typer.Argument(..., metavar="DB", help="SQLite 历史库 / the history database."),
    plan: Optional[str] = typer.Option(None, "--plan", "-p", help="只列此规划 / only this plan."),
    submitter: Optional[str] = typer.Option(None, "--submitter", help="只列此报送单位 / only this submitter."),
    limit: Optional[int] = typer.Option(None, "--limit", help="最多列出条数 / at most this many runs."),
    fmt: ListFormat = typer.Option(ListFormat.table, "--format", "-f"),
    lang: Lang = LANG,
):
    """列出历史库中的检查记录 / list the runs recorded in a history database.

    Example: yiyang history results.sqlite --plan yiwu-2023
    """
    from .commands.history import list_history

    list_history(db, plan, submitter, limit, fmt.value, lang.value)


@app.command()
@guarded
def compare(
    sources: list[Path] = typer.Argument(
        ...,
        metavar="DB | A.json B.json",
        help="一个历史库，或两个结果/汇总 JSON / one history database, or two result or summary JSON files.",
    ),
    plan: Optional[str] = typer.Option(None, "--plan", "-p", help="规划 id（历史库）/ plan id (history)."),
    from_: Optional[str] = typer.Option(None, "--from", help="基准：年份或评估日期 / from: as-of year or date."),
    to: Optional[str] = typer.Option(None, "--to", help="对比：年份或评估日期 / to: as-of year or date."),
    output: list[Path] = typer.Option(
        [], "--output", "-o", help="写对比结果（.html .md .json）/ write the comparison."
    ),
    show_all: bool = typer.Option(False, "--all", help="也列出无变化的项 / list unchanged entries too."),
    fail_on: CompareFailOn = typer.Option(
        CompareFailOn.never,
        "--fail-on",
        help="何种变化导致退出码 1：newly_failed、regressed（含新增未达标）、never / what makes exit code 1.",
    ),
    lang: Lang = LANG,
):
    """对比两次评估：改善、退步、新增未达标、已解决 / what improved, regressed, newly failed or was resolved.

    Example: yiyang compare results.sqlite --plan yiwu-2023 --from 2024 --to 2025 -o compare.html
    """
    from .commands.compare import run

    raise typer.Exit(run(sources, plan, from_, to, output, show_all, lang.value, fail_on.value))


def _version(value: bool):
    if value:
        from ._version import __version__

        typer.echo(f"yiyang {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="显示版本 / show the version."
    ),
):
    pass


def _usage_error_class():
    """click's UsageError, from the click that typer uses (vendored since typer 0.26)."""
    import importlib

    try:
        module = importlib.import_module("typer._click.exceptions")
    except ImportError:  # older typer: the click package
        module = importlib.import_module("click.exceptions")
    return module.UsageError


def _report_usage_error(exc, argv: list[str]) -> None:
    """A usage error (unknown option, missing argument, bad value) in the user's language.

    The language option may be what failed to parse, so it is looked for in the raw arguments;
    the Chinese message keeps click's English text after it."""
    from .messages import t, usage_error

    en = "--lang=en" in argv or ("--lang", "en") in zip(argv, argv[1:])
    lang = "en" if en else "zh"
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        usage = ctx.get_usage()
        if usage.startswith("Usage:"):
            usage = t("cli.usage_prefix", lang) + usage[len("Usage:") :]
        typer.echo(usage, err=True)
    command = ctx.command_path if ctx is not None else "yiyang"
    from .render.sanitize import terminal_plain

    # the message may quote an argument, such as a file name a shell glob expanded
    typer.echo(f"{t('cli.error', lang)}: {terminal_plain(usage_error(exc.format_message(), lang))}", err=True)
    typer.echo(t("cli.try_help", lang, command=command), err=True)


def main(argv: Optional[list[str]] = None) -> int:
    """Run one command (`argv` without the program name; default the process's own) and return
    its exit code. Tests call this in-process; the `yiyang` command calls it through `run`."""
    for stream in (sys.stdout, sys.stderr):  # file names that are not valid UTF-8 print as escapes
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    usage_error, abort = _usage_error_class(), typer.Abort
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        code = app(args=argv, prog_name="yiyang", standalone_mode=False)
    except usage_error as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # `yiyang` or `yiyang plans` alone: the help
            typer.echo(exc.format_message(), err=True)
        else:
            _report_usage_error(exc, argv)
        return exc.exit_code
    except abort:
        typer.echo("已中止 / aborted", err=True)
        return 1
    return code if isinstance(code, int) else 0


def run() -> None:
    """The `yiyang` command: `main()`, then leave at once.

    Tearing the interpreter down after a large check (pandas, pyarrow, a few hundred thousand
    objects freed one by one) took 0.2 s, a sixth of checking a 100k-row workbook. Everything a
    command writes is closed by then (reports through `write_atomic`, the history database), so the
    two streams are flushed and the process exits without the teardown. A batch stops and reaps its
    workers before it returns, interrupted or not; should a worker process still be alive, the
    ordinary exit runs, which waits for it; so it does under a profiler or coverage (they write
    their results at exit) and with YIYANG_DEBUG set.
    """
    code = main()
    mp = sys.modules.get("multiprocessing")
    if (
        (mp is not None and mp.active_children())
        or sys.gettrace()
        or sys.getprofile()
        or os.environ.get("YIYANG_DEBUG")
    ):
        sys.exit(code)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (`yiyang … | head`): nothing more to say
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
