"""The history listing's renderers. Each receives `HistoryRun`s."""
