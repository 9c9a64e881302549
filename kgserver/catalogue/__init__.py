"""The catalogue: every entity of one dataset version read into plain records, with how people
find and weigh them — labels, facets, search, comparison, statistics — and the change log that
says what changed between versions. Built once per version (`snapshot.py`), never per request."""
