"""The batch summary's renderers, one module per output: terminal, markdown, html, xlsx; and the
progress bar shown while a batch runs. Each receives a `BatchSummary`, never a plan."""
