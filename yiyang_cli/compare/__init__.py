"""`yiyang compare` without the terminal: two assessments side by side.

Both sides are read into the same `Snapshot`, whether they come from the history database (the
latest run of each submitter in an as-of year or on an as-of date) or from JSON files (a `check`
result, or a `batch` summary); `compare()` then classifies every change into a `CompareResult`.
"""
