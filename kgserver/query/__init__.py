"""SPARQL queries: reading a protocol request, screening the text before the parser sees it,
evaluating and serialising in one thread, worker processes that a timeout can kill, the
service description, the example queries and the HTML result table."""
