"""What a side must hold to be compared: the fields `compare` reads from a result or summary JSON,
or from the history, each checked for its type before it is used.

A JSON file may come from anywhere (an older yiyang, a hand edit, a broken upload): text where a
number belongs, a list where a status belongs, NaN, would otherwise fail deep inside the
classification. Checked here, it is exit 3 with the path of the first bad field. Numbers keep the
type they were written with (1 stays 1), so that the comparison reports them as written.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError
from pydantic_core import PydanticCustomError

from ..status import StatusName


def _finite(value: Any) -> Any:
    """A number as written (an int stays an int), finite, or null."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            if math.isfinite(value):
                return value
        except OverflowError:  # an int too large for a float
            pass
    raise PydanticCustomError("finite_number", "Input should be a finite number or null")


Number = Annotated[Any, AfterValidator(_finite)]


class _Shape(BaseModel):
    # strict: text is text and a status is one of the words; keys compare does not read are ignored
    model_config = ConfigDict(extra="ignore", strict=True)


class TargetShape(_Shape):
    comparator: str | None = None
    value: Number = None
    unit: str | None = None


class MetaShape(_Shape):
    """An indicator as a summary lists it."""

    id: str
    name: str = ""
    name_zh: str | None = None
    name_en: str | None = None
    target: TargetShape | None = None


class ResultIndicatorShape(MetaShape):
    """An indicator of a `check` result: its names and target, and its verdict."""

    status: StatusName
    value: Number = None
    severity: str | None = None


class ReadingShape(_Shape):
    status: StatusName
    value: Number = None


class SubmissionShape(_Shape):
    submitter: str
    status: Literal["ok", "failed", "error"]
    error: str | None = None
    indicators: dict[str, ReadingShape] | None = None


class PlanShape(_Shape):
    id: str
    title: str = ""


class InputShape(_Shape):
    path: str | None = None


class SummaryShape(_Shape):
    plan: PlanShape
    as_of: str = ""
    indicators: list[MetaShape]
    submissions: list[SubmissionShape]


class ResultShape(_Shape):
    plan: PlanShape
    as_of: str = ""
    indicators: list[ResultIndicatorShape]
    inputs: list[InputShape] = []


def problem(err: ValidationError) -> str:
    """The first bad field, as `submissions.3.status: Input should be 'ok', 'failed' or 'error'`."""
    first = err.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    return f"{where}: {first['msg']}" if where else first["msg"]
