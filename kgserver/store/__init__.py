"""The Oxigraph store: opening it, the bundle, writing, reasoning, the dataset version and the
one per-version cache of what is derived from it. Validation is not here: it sits above, in
`kgserver.curation`, which decides what may be written."""
