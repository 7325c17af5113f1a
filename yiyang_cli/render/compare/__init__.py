"""The comparison's renderers, one module per output: terminal, markdown, html. Each receives a
`CompareResult`."""
