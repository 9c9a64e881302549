"""Crosswalks the importers share: organisation names as sources spell them, standards and
categories. Each entry restates what a source says; nothing here is a fact of its own."""

from __future__ import annotations

import re

from kgserver.importers.vocabularies import concept

# How IOI's host column and Infra Finder's provider column name organisations that need more
# than trimming: raw value -> the organisations it names, each as (name, alternative names).
ORGANISATIONS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    # Spellings under which one organisation came in twice; that ROR records give both
    # entities the same ROR ID, Wikidata item and Crossref Funder ID (sources/identifiers.csv).
    "Aix-Marseille Université": [("Aix-Marseille University", ("Aix-Marseille Université",))],
    "Avignon Université": [("Avignon University", ("Avignon Université",))],
    "Agence national de la recherche": [
        ("Agence Nationale de la Recherche", ("French National Research Agency (ANR)",))
    ],
    "ANID - Chile": [("Agencia Nacional de Investigación y Desarrollo", ("ANID",))],
    "CEDIA - Ecuador": [("CEDIA", ())],
    "OAPEN, OpenEdition, CNRS and Aix-Marseille Université": [
        ("OAPEN Foundation", ("OAPEN",)),
        ("OpenEdition Center", ()),
        ("CNRS", ()),
        ("Aix-Marseille University", ("Aix-Marseille Université",)),
    ],
    "IBICT-Brasil": [
        ("Instituto Brasileiro de Informação em Ciência e Tecnologia", ("IBICT", "IBICT-Brasil"))
    ],
    "California Digital Library, USA": [("California Digital Library", ("CDL",))],
    "eLife Sciences Publications": [("eLife", ("eLife Sciences Publications",))],
    "German National Library of Science and Technology, Germany": [
        (
            "Technische Informationsbibliothek",
            ("TIB", "German National Library of Science and Technology"),
        )
    ],
    "OAPEN": [("OAPEN Foundation", ("OAPEN",))],
    "Fond national pour la science ouverte": [("FNSO", ("Fond national pour la science ouverte",))],
    # ROR record 056da5v93 names Digital Scholar with the alias Corporation for Digital Scholarship.
    "Corporation for Digital Scholarship": [
        ("Digital Scholar", ("Corporation for Digital Scholarship",))
    ],
    "(none/blank)": [],
    "No affiliations": [],
    "Artefactual Systems (lead developer, not a formal host)": [],
    "Getty Conservation Institute / Farallon Geographics": [
        ("Getty Conservation Institute", ()),
        ("Farallon Geographics", ()),
    ],
    "Council on Library and Information Resources (CLIR) (previously with the Smithsonian"
    " Institute)": [("Council on Library and Information Resources", ("CLIR",))],
    "CLIR": [("Council on Library and Information Resources", ("CLIR",))],
    "COAR": [("Confederation of Open Access Repositories", ("COAR",))],
    "COUNTER (UK registered nonprofit)": [("COUNTER", ("COUNTER Metrics",))],
    "COUNTER Metrics": [("COUNTER", ("COUNTER Metrics",))],
    "Crossref (operated by Publishers International Linking Association)": [("Crossref", ())],
    "Italian National Research Council (CNR) / ISTI": [
        ("Italian National Research Council", ("CNR",))
    ],
    "Czech Technical University in Prague / ELIXIR-CZ": [
        ("Czech Technical University in Prague", ()),
        ("ELIXIR-CZ", ()),
    ],
    "University Library of Regensburg (Universitätsbibliothek Regensburg)": [
        ("University Library of Regensburg", ("Universitätsbibliothek Regensburg",))
    ],
    "Universitätsbibliothek Regensburg": [
        ("University Library of Regensburg", ("Universitätsbibliothek Regensburg",))
    ],
    "DataCite e.V. (MakeDataCount)": [("DataCite", ("DataCite e.V.",))],
    "DataCite e.V.": [("DataCite", ("DataCite e.V.",))],
    "Datacite": [("DataCite", ("DataCite e.V.",))],
    "University of Michigan, Institute of Social Research": [
        ("Institute for Social Research, University of Michigan", ())
    ],
    "University of Michigan, Institute for Social Research": [
        ("Institute for Social Research, University of Michigan", ())
    ],
    "Harvard University (IQSS)": [("Harvard University", ())],
    "Harvard University Institute for Quantitative Social Science (IQSS)": [
        ("Harvard University", ())
    ],
    "AfricaConnect3 partners (UbuntuNet Alliance, WACREN, ASREN)": [
        ("UbuntuNet Alliance", ()),
        ("WACREN", ()),
        ("ASREN", ()),
    ],
    "CCSD, CNRS": [("CCSD", ())],
    "Érudit consortium": [("Érudit", ("Érudit consortium",))],
    "Cornell University ; Data Archiving Networked Services (DANS)": [
        ("Cornell University", ()),
        ("Data Archiving Networked Services", ("DANS",)),
    ],
    "Cornell University / Data Archiving Networked Services (DANS)": [
        ("Cornell University", ()),
        ("Data Archiving Networked Services", ("DANS",)),
    ],
    "Data Archiving Networked Services (DANS), Old Dominion University, Los Alamos National"
    " Laboratory, Pacific Northwest National Laboratory": [
        ("Data Archiving Networked Services", ("DANS",)),
        ("Old Dominion University", ()),
        ("Los Alamos National Laboratory", ()),
        ("Pacific Northwest National Laboratory", ()),
    ],
    "Bielefeld University Library, the German Electron Synchrotron DESY (Hamburg) and University"
    " Library of Regensburg": [
        ("Bielefeld University Library", ()),
        ("German Electron Synchrotron DESY", ("DESY",)),
        ("University Library of Regensburg", ("Universitätsbibliothek Regensburg",)),
    ],
    "OpenAIRE AMKE (Greece)": [("OpenAIRE AMKE", ("OpenAIRE",))],
    "OpenAIRE": [("OpenAIRE AMKE", ("OpenAIRE",))],
    "University of Bologna /": [("University of Bologna", ())],
    "Wordpress Foundation": [("WordPress Foundation", ())],
    "Pressbooks (social enterprise / B Corp, Canada)": [("Pressbooks", ())],
    "Research Space (UK company)": [("Research Space", ())],
    "THOTH OPEN METADATA COMMUNITY INTEREST COMPANY (UK CIC)": [
        ("Thoth Open Metadata Community Interest Company", ())
    ],
    "Roy Rosenzweig Center for History and New Media, George Mason University": [
        ("Roy Rosenzweig Center for History and New Media", ("RRCHNM",))
    ],
    "IBICT": [("Instituto Brasileiro de Informação em Ciência e Tecnologia", ("IBICT",))],
    "IBICT (Brazilian Institute of Information in Science and Technology)": [
        (
            "Instituto Brasileiro de Informação em Ciência e Tecnologia",
            ("IBICT", "Brazilian Institute of Information in Science and Technology"),
        )
    ],
    "Instituto Brasileiro de Informação em Ciência e Tecnologia (Brazilian Institute of"
    " Information in Science and Technology) (Ibict)": [
        (
            "Instituto Brasileiro de Informação em Ciência e Tecnologia",
            ("IBICT", "Brazilian Institute of Information in Science and Technology"),
        )
    ],
    "CoLaV; Universidad de Antioquia; the Universidad del Valle; the Universidad Externado de"
    " Colombia; Universidad Autonoma Latinoamericana": [
        ("CoLaV", ()),
        ("Universidad de Antioquia", ()),
        ("Universidad del Valle", ()),
        ("Universidad Externado de Colombia", ()),
        ("Universidad Autonoma Latinoamericana", ()),
    ],
    "Renaissance Computing Institute (RENCI), University of North Carolina at Chapel Hill": [
        ("Renaissance Computing Institute", ("RENCI",))
    ],
    "University of Michigan / Michigan Publishing": [("Michigan Publishing", ())],
    "University of Minnesota Press / CUNY Graduate Center": [
        ("University of Minnesota Press", ()),
        ("CUNY Graduate Center", ()),
    ],
    "Code for Science & Society (fiscal sponsor of OA.Works)": [("Code for Science & Society", ())],
    "Code for Science and Society": [("Code for Science & Society", ())],
    "The Public Knowledge Project, Simon Fraser University": [("Public Knowledge Project", ())],
    "OpenEdition Center, Aix-Marseille University, the EHESS and Avignon University": [
        ("OpenEdition Center", ()),
        ("Aix-Marseille University", ()),
        ("EHESS", ()),
        ("Avignon University", ()),
    ],
    "the OpenEdition Center unit constituted by the French National Centre for Scientific"
    ' Research (the "CNRS"), the Aix-Marseille University ("AMU"), Avignon University and the'
    " School of Advanced Studies in the Social Sciences (together referred to as the"
    ' "OpenEdition Center")': [("OpenEdition Center", ())],
    "Research Centre for Open Scholarly Metadata, University of Bologna": [
        ("Research Centre for Open Scholarly Metadata", ())
    ],
    "California Digital Library, Crossref, Datacite": [
        ("California Digital Library", ()),
        ("Crossref", ()),
        ("DataCite", ("DataCite e.V.",)),
    ],
    "EMBL European Bioinformatics Institute (EMBL-EBI)": [
        ("European Bioinformatics Institute (EMBL-EBI)", ("EMBL-EBI",))
    ],
    "EMBL-EBI (European Molecular Biology Laboratory)": [
        ("European Bioinformatics Institute (EMBL-EBI)", ("EMBL-EBI",))
    ],
    "PCI, Peer Community In": [("Peer Community In", ())],
    "Peer Community In (French nonprofit association)": [("Peer Community In", ())],
    "NISO - National Information Standards Organization": [
        ("National Information Standards Organization", ("NISO",))
    ],
    "NISO": [("National Information Standards Organization", ("NISO",))],
    "Center for Open Science, Inc.": [("Center for Open Science", ())],
    "Oxford Common File Layout (OCFL)": [("Oxford Common File Layout community", ())],
    "The Open University": [("The Open University", ())],
    "Swiss Data Science Center (SDSC)": [("Swiss Data Science Center", ("SDSC",))],
    "NumFocus": [("NumFOCUS", ())],
    # IOI's triggers_direct_orgs and former_hosts_founders_conduits (ioi_affiliations.py).
    "Artefactual Systems": [("Artefactual", ("Artefactual Systems",))],
    "IS4OA": [("Infrastructure Services for Open Access", ("IS4OA",))],
    "Smithsonian Institute": [("Smithsonian Institution", ("Smithsonian Institute",))],
    "MIT": [("Massachusetts Institute of Technology", ("MIT",))],
    "Penn State": [("Pennsylvania State University", ("Penn State",))],
    "Oregon Health & Science University (distributed)": [
        ("Oregon Health & Science University", ())
    ],
    "EDINA / University of Edinburgh": [("EDINA", ()), ("University of Edinburgh", ())],
    "Code for Science & Societ, OA.Works": [
        ("Code for Science & Society", ()),
        ("OA.Works", ()),
    ],
    "the School of Advanced Studies in the Social Sciences": [
        ("EHESS", ("School of Advanced Studies in the Social Sciences",))
    ],
    "CERN, Northwestern University, California Institute of Technology, Graz University of"
    " Technology, Vienna University of Technology, OpenAIRE": [
        ("CERN", ()),
        ("Northwestern University", ()),
        ("California Institute of Technology", ()),
        ("Graz University of Technology", ()),
        ("Vienna University of Technology", ()),
        ("OpenAIRE AMKE", ("OpenAIRE",)),
    ],
    # ASCUN is named only as the authoriser of a consortium still being formed.
    "ImpactU is created and coordinated by CoLaV at the Universidad de Antioquia, the Universidad"
    " del Valle, the Universidad Externado de Colombia and the Universidad Autonoma"
    " Latinoamericana. It is in the process of constituting a national consortium authorized by"
    " ASCUN which will democratize ownership between all the Colombian institutions interested"
    " in membership.": [
        ("CoLaV", ()),
        ("Universidad de Antioquia", ()),
        ("Universidad del Valle", ()),
        ("Universidad Externado de Colombia", ()),
        ("Universidad Autonoma Latinoamericana", ()),
    ],
    # Recipients as grant databases spell them.
    "DATACITE â€“ INTERNATIONAL DATA CITATION INITIATIVE": [("DataCite", ("DataCite e.V.",))],
    "LYRASIS Inc.": [("Lyrasis", ())],
    "European Organization for Nuclear Research": [("CERN", ())],
    "Washington State University (Washington State University Vancouver Library)": [
        ("Washington State University", ())
    ],
    "STICHTING OAPEN*OPEN ACCESS PUBLISHING IN EUROPEAN NETWORKS": [("OAPEN Foundation", ())],
    "Knowledge Futures Group, Inc.": [("Knowledge Futures", ())],
    "PRESIDENT AND FELLOWS OF HARVARD COLLEGE": [("Harvard University", ())],
    "European Bioinformatics Institute": [
        ("European Bioinformatics Institute (EMBL-EBI)", ("EMBL-EBI",))
    ],
}

_NOISE = re.compile(
    r"\s*\((?:[^()]*(?:501|independent|nonprofit|company|CIC|operated by|lead developer|"
    r"fiscal sponsor|development partner|previously|registered|MakeDataCount|social enterprise)"
    r"[^()]*|UK|Canada|Greece|Ecuador|Hamburg)\)"
)
_ACRONYM = re.compile(r"^(?P<name>.+?)\s*\((?P<short>[A-Za-z][\w.&-]{1,11})\)$")


def organisations(raw: str) -> list[tuple[str, tuple[str, ...]]]:
    """The organisations a host or provider cell names, as (name, alternative names)."""
    raw = " ".join(raw.split())
    if not raw:
        return []
    if raw in ORGANISATIONS:
        return ORGANISATIONS[raw]
    name = _NOISE.sub("", re.sub(r"501\(c\)(\(3\)|3)", "501c3", raw)).strip()
    if name in ORGANISATIONS:
        return ORGANISATIONS[name]
    match = _ACRONYM.match(name)
    if match:
        return [(match["name"], (match["short"],))]
    return [(name, ())]


def work_names(raw: str) -> tuple[str, tuple[str, ...]]:
    """An infrastructure's name and alternative names from a cell like `Name (ACRONYM)`."""
    raw = " ".join(raw.replace("®", "").split())
    match = re.match(r"^(?P<name>.+?)\s*\((?P<other>[^()]+)\)$", raw)
    if not match:
        return raw, ()
    name, other = match["name"], match["other"]
    other = re.sub(r"^formerly\s+", "", other)
    if len(name) > 60 and len(other) < 20:
        return other, (name, raw)
    return name, (other, raw)


# Names that different sources give to the same infrastructure or standard.
SAME_WORK = {
    "Mukurtu": "Mukurtu CMS",
    "Manifold Scholarship": "Manifold",
    "Episciences.org": "Episciences",
    "Journal Article Tag Suite": "JATS",
    "Journal Article Tag Suite (JATS)": "JATS",
    "Open Archives Initiative ResourceSync Framework Specification": "ResourceSync",
    "Counter": "COUNTER Code of Practice",
    "Invenio RDM": "InvenioRDM",
    "Sherpa Services": "Open Policy Finder",
    "Sherpa Services (Sherpa Romeo, Sherpa Juliet and OpenDOAR)": "Open Policy Finder",
    "Open Science Framework": "OSF",
    "OSF (Open Science Framework)": "OSF",
    "Research Organization Registry": "ROR",
    "Integrated Rule-Oriented Data Systems": "iRODS",
    "IRODS": "iRODS",
    "Jupyter Notebook": "Jupyter",
}

# Infra Finder's solution categories (and IOI's, which add a few) -> our category scheme.
EXTRA_CATEGORIES = {
    "Digital preservation service": "Preservation system",
    "Digital preservation system": "Preservation system",
    "Digital preservation tool": "Preservation system",
}

STANDARD_CATEGORY = "Standard, specification or protocol"


def category_iri(label: str) -> str | None:
    """The concept of our category scheme (ontology/categories.ttl) that a source's category
    label names, by its prefLabel or an altLabel, or None if it has none."""
    label = EXTRA_CATEGORIES.get(label.strip(), label.strip())
    return concept("category", label)


# ROR IDs in Infra Finder's provider column whose ROR record is another organisation than the
# provider the record names (the service itself, or a parent), so they are not the provider's:
# https://github.com/ror-community/ror-records/blob/d93fc667872f8ef9386896bd6c68bd3c6103603e/<path>
NOT_THE_PROVIDERS_ROR = {
    "https://ror.org/050gv4c78": "v1.37/050gv4c78.json: 2i2c, not Code for Science and Society",
    "https://ror.org/05amyt365": "v1.17/05amyt365.json: DOAJ, not Infrastructure Services for OA",
    "https://ror.org/01t2a8a42": "v1.1/01t2a8a42.json: Mendeley (United Kingdom), not Elsevier",
    "https://ror.org/00jmfr291": "v1.36/00jmfr291.json: University of Michigan, not its Publishing",
    "https://ror.org/02mb95055": "v1.10/02mb95055.json: Birkbeck, not Open Library of Humanities",
}
