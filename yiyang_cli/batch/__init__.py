"""`yiyang batch` without the terminal: finding submissions, the worker pool, the worker that
checks one submission, and the summary drawn from the workers' rows.

A submission is one file, or one folder of files from the same submitter. Worker processes check
submissions one at a time, write that submission's reports themselves and send back a small row
(statuses and numbers, never a DataFrame), so the parent's memory does not grow with the data.
A file that cannot be read becomes an error row; a worker that dies takes nothing else with it.
Rows are sorted by submitter name, so the output does not depend on the scheduling.
"""
