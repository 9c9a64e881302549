"""Curation: what valid data looks like and who may add it. SHACL validation (with the
SHACL-SPARQL constraints Oxigraph runs), contributions read with where each entity is written,
validation in the context of the graph, the reports curators read, and the one gate
(`loading.py`) through which data enters a store."""
