"""The dataset version: a content hash recorded in the store's meta graph with its load time.

Everything derived from the store (pages, descriptions, dumps, ETags, the change feed) is keyed
by this version (`kgserver/store/per_version.py`), so a load or a write that changes the data
changes what every derived product answers.
"""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Quad, Store

from kgserver.rdf import iris
from kgserver.rdf.datetimes import now
from kgserver.rdf.namespaces import DCTERMS, OWL, XSD

UNVERSIONED = "unversioned"
_VERSION_INFO = NamedNode(OWL + "versionInfo")
_MODIFIED = NamedNode(DCTERMS + "modified")
_DATASET = NamedNode(iris.DATASET)
_META = NamedNode(iris.META_GRAPH)


def dataset_version(store: Store) -> str:
    """The version recorded when the store was last built or loaded into (one indexed lookup)."""
    for quad in store.quads_for_pattern(_DATASET, _VERSION_INFO, None, _META):
        if isinstance(quad.object, Literal):
            return quad.object.value
    return UNVERSIONED


def dataset_modified(store: Store) -> str:
    """When the store was last built or loaded into (xsd:dateTime), or '' if unrecorded."""
    for quad in store.quads_for_pattern(_DATASET, _MODIFIED, None, _META):
        return quad.object.value if isinstance(quad.object, Literal) else ""
    return ""


def version_quads(version: str) -> list[Quad]:
    """The meta graph's statements of `version`, loaded now."""
    return [
        Quad(_DATASET, _VERSION_INFO, Literal(version), _META),
        Quad(_DATASET, _MODIFIED, Literal(now(), datatype=NamedNode(XSD + "dateTime")), _META),
    ]


def record_version(store: Store, version: str) -> None:
    """Replace the recorded version with `version`, loaded now."""
    for old in list(store.quads_for_pattern(_DATASET, None, None, _META)):
        store.remove(old)
    store.extend(version_quads(version))
