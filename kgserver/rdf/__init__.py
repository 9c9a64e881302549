"""RDF itself: the graph's IRIs, namespaces and prefixes, the format table, reading and writing
RDF, and the links of this server. The bottom layer: it imports only `kgserver.errors`."""
