"""One module per sample submission. Each defines FILE (the name in sample_data/) and build(path)."""
