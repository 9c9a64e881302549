"""Linked data for harvesters and people: an entity's description and its documents, the page
model of an entity, the VoID/DCAT description with the dumps, the sitemap and the change feed.
Every document is built here without HTTP; `kgserver.web` chooses and sends it."""
