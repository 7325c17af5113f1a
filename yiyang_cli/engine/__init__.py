"""Evaluating a plan on a dataset: every indicator's status, value and failing units."""

from __future__ import annotations

from .evaluator import evaluate_plan

__all__ = ["evaluate_plan"]
