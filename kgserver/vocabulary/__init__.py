"""The vocabulary's own documentation: the ontology page and the shapes listing, both read from
the graphs they document, and the diagram of the main classes, drawn as SVG on the server."""
