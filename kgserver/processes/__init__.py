"""Worker processes for work that must not run in the web process (queries, contributions)."""
