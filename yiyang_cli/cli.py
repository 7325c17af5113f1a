"""Command-line wiring. Heavy libraries (pandas, pydantic, calamine) are imported by the
commands themselves, so `yiyang --help` stays instant."""

from __future__ import annotations

import functools
import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from .errors import EXIT_INPUT, YiyangError

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="yiyang：按医养结合规划检查报送数据 / check submissions against 医养结合 plans.")
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

            typer.echo(f"{t('cli.error', lang)}: {err.render(lang)}", err=True)
            raise typer.Exit(err.exit_code) from None
        except (typer.Exit, typer.Abort):
            raise
        except KeyboardInterrupt:
            typer.echo("已中断 / interrupted", err=True)
            raise typer.Exit(130) from None
        except BrokenPipeError:  # `yiyang check … | head`: the reader left, nothing to say
            sys.stderr.close()
            raise typer.Exit(0) from None
        except Exception as exc:  # last resort: say what happened, never a traceback
            if os.environ.get("YIYANG_DEBUG"):
                raise
            from .messages import t

            typer.echo(t("cli.internal", lang, reason=f"{type(exc).__name__}: {exc}"), err=True)
            raise typer.Exit(EXIT_INPUT) from None

    return wrapper


@app.command()
@guarded
def check(
    files: List[Path] = typer.Argument(..., help="报送的 .xlsx/.xls/.ods/.csv 文件 / submitted files."),
    plan: str = typer.Option(..., "--plan", "-p", help="规划 id 或规则文件路径 / plan id or rule file."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="评估日期 YYYY-MM-DD，默认今天 / as-of date."),
    fmt: OutFormat = typer.Option(OutFormat.terminal, "--format", "-f", help="标准输出格式 / stdout format."),
    output: List[Path] = typer.Option([], "--output", "-o",
                                      help="写报告（按扩展名 .md .html .json .xml）/ write a report."),
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
def plans_show(plan_id: str = typer.Argument(..., metavar="ID"),
               fmt: ListFormat = typer.Option(ListFormat.table, "--format", "-f"), lang: Lang = LANG):
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
def rules_lint(files: List[Path] = typer.Argument(..., help="规则文件 / rule files (.yaml)."), lang: Lang = LANG):
    """检查规则文件（无需数据）/ validate rule files without data.

    Example: yiyang rules lint my-county.yaml
    """
    from .commands.rules import lint

    raise typer.Exit(lint(files, lang.value))


@rules_app.command("test")
@guarded
def rules_test(files: List[Path] = typer.Argument(..., help="规则文件 / rule files (.yaml)."), lang: Lang = LANG):
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


def _version(value: bool):
    if value:
        from . import __version__

        typer.echo(f"yiyang {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                               help="显示版本 / show the version.")):
    pass


def main() -> None:
    app(prog_name="yiyang")


if __name__ == "__main__":
    sys.exit(main())
