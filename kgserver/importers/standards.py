"""The standards Infra Finder's vocabularies name, and how services' free text mentions them.

Each row: our label, the vocabulary terms (or other sources' names) that mean it, and a regular
expression that finds it in a service's `standards_employed` or integrations text. Slugs of the
hand-curated standards (data/standard/) are reused through the names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class StandardName:
    label: str
    terms: tuple[str, ...]  # names used by the sources (vocabulary terms, other catalogues)
    pattern: str | None  # finds the standard in free text (case-insensitive)

    def found_in(self, text: str) -> bool:
        return bool(self.pattern and re.search(self.pattern, text, re.IGNORECASE))


STANDARDS: tuple[StandardName, ...] = (
    # standards_metadata
    StandardName("TEI", ("XML-TEI",), r"\bTEI\b"),
    StandardName("OAI-PMH", ("OAI-PMH",), r"\bOAI[- ]?PMH\b"),
    StandardName("METS", ("METS",), r"\bMETS\b"),
    StandardName("Dublin Core", ("Dublin Core",), r"\bDublin Core\b"),
    StandardName("MARC", ("MARC",), r"\bMARC(?!\s?XML)\b"),
    StandardName("KBART", ("KBART",), r"\bKBART\b"),
    StandardName("SWORD", ("SWORD",), r"\bSWORD\b"),
    StandardName("Signposting", ("Signposting",), r"\bSignposting\b"),
    StandardName("OStatus", ("Ostatus",), r"\bOStatus\b"),
    StandardName(
        "Data Documentation Initiative Codebook",
        ("Data Documentation Initiative Codebook",),
        r"\bDDI\b|Data Documentation Initiative",
    ),
    StandardName("Atom", ("Atom",), r"\bAtom (?:feed|syndication|publishing)"),
    StandardName("JSON", ("JSON",), r"\bJSON\b(?!-LD)"),
    StandardName("Scholix", ("Scholix",), r"\bScholix\b"),
    StandardName("JATS", ("JATS-XML", "Journal Article Tag Suite"), r"\bJATS\b"),
    StandardName("MODS", ("MODS",), r"\bMODS\b"),
    StandardName("IIIF", ("IIIF",), r"\bIIIF\b"),
    StandardName("JSON-LD", ("JSON-LD",), r"\bJSON-LD\b"),
    StandardName(
        "DataCite Metadata Schema", ("DataCite metadata schema",), r"DataCite Metadata Schema"
    ),
    StandardName(
        "OpenAIRE Guidelines", ("OpenAIRE guidelines",), r"OpenAIRE\s?v?4?\s?\w*\s?Guidelines"
    ),
    StandardName("ONIX", ("ONIX",), r"\bONIX\b"),
    StandardName("ResourceSync", ("ResourceSync",), r"\bResourceSync\b"),
    StandardName("RIOXX", ("Rioxx",), r"\bRIOXX\b"),
    StandardName("RIS", ("RIS",), r"\bRIS\b"),
    StandardName("MARCXML", ("MARC XML",), r"\bMARC\s?XML\b"),
    StandardName(
        "Linked Data Design Principles", ("Linked Data Design Principles",), r"Linked Data"
    ),
    StandardName("SRU/SRW", ("SRU/SRW",), r"\bSRU\b|\bSRW\b"),
    StandardName(
        "Hypertext Application Language",
        ("Hypertext Application Language (HAL)",),
        r"Hypertext Application Language",
    ),
    StandardName(
        "OAI-ORE", ("Open Archives Initiative Object Reuse and Exchange (OAI-ORE)",), r"OAI-ORE"
    ),
    StandardName("RDF", ("RDF",), r"\bRDF\b"),
    StandardName("Activity Streams 2.0", ("Activity Streams 2.0",), r"Activity ?Streams"),
    StandardName("DRIVER Guidelines 2.0", ("Directrices Driver 2.0",), r"\bDRIVER\b"),
    StandardName("SPARQL", ("SPARQL",), r"\bSPARQL\b"),
    StandardName("Memento", ("Memento framework", "Memento"), r"\bMemento\b"),
    StandardName("OWL", ("Web Ontology Language (OWL)",), r"\bOWL\b|Web Ontology Language"),
    StandardName(
        "NISO RP-22-2015 Access License and Indicators",
        (
            "National Information Standards Organization (NISO) Recommended Practice"
            " RP-22-2015, Access License and Indicators",
        ),
        r"RP-22-2015|Access License and Indicators",
    ),
    StandardName(
        "XML Exchange Table Model Document Type Definition",
        ("XML Exchange Table Model Document Type Definition",),
        r"Exchange Table Model",
    ),
    StandardName(
        "ABCD (Access to Biological Collection Data)",
        ("ABCD (Access to Biological Collection Data)",),
        r"Access to Biological Collection",
    ),
    StandardName(
        "Brain Imaging Data Structure", ("Brain Imaging Data Structure (BIDS)",), r"\bBIDS\b"
    ),
    StandardName("Schema.org", ("Schema.org",), r"schema\.org"),
    # standards_metrics
    StandardName(
        "COUNTER Code of Practice",
        ("COUNTER 5", "COUNTER Code of Practice", "Counter"),
        r"\bCOUNTER\b",
    ),
    StandardName("Make Data Count", ("Make Data Count",), r"Make Data Count"),
    StandardName("SUSHI", ("SUSHI",), r"\bSUSHI\b"),
    # standards_pids
    StandardName("OpenURL", ("OpenURL",), r"\bOpenURL\b"),
    StandardName("ROR ID", ("ROR ID",), r"\bROR\b"),
    StandardName("ORCID iD", ("ORCiD",), r"\bORCID\b"),
    StandardName("DOI", (), r"\bDOIs?\b"),
    StandardName("Handle System", (), r"\bHandles?(?: System)?\b"),
    # standards_pres
    StandardName("OAIS", ("OAIS",), r"\bOAIS\b"),
    StandardName("Oxford Common File Layout", ("OCFL",), r"\bOCFL\b|Oxford Common File Layout"),
    # standards_auth
    StandardName("OAuth", ("OAuth",), r"\bOAuth"),
    StandardName("OpenID Connect", ("OIDC",), r"\bOIDC\b|OpenID Connect"),
    StandardName("SAML", ("SAML",), r"\bSAML\b"),
    StandardName("WebID-TLS", ("WebID-TLS",), r"WebID-TLS"),
    StandardName("WebID-OIDC", ("WebID-OIDC",), r"WebID-OIDC"),
    # standards_sec
    StandardName(
        "CIS Critical Security Controls", ("CIS Critical Security Controls",), r"CIS Critical"
    ),
    StandardName(
        "Cloud Security Alliance STAR certification",
        ("Cloud Security Alliance STAR certification",),
        r"Cloud Security Alliance",
    ),
    StandardName(
        "CMMC Level 2",
        ("CMMC Level 2 standards for the protection of controlled unclassified information",),
        r"\bCMMC\b",
    ),
    StandardName("ISO/IEC 27001", ("ISO/IEC 27001 information security standard",), r"27001"),
    StandardName(
        "NIST Cybersecurity Framework",
        ("NIST Cybersecurity Framework (CSF)",),
        r"NIST CSF|NIST Cybersecurity",
    ),
    StandardName(
        "NIST SP 800-171",
        ("NIST SP 800-171 for the protection of controlled unclassified information",),
        r"800-171",
    ),
    StandardName("SOC 2", ("SSAE 18/SOC 2 certification",), r"SOC ?2"),
    # values
    StandardName(
        "CARE Principles for Indigenous Data Governance",
        ("CARE Principles for Indigenous Data Governance",),
        r"CARE Principles",
    ),
    StandardName(
        "COAR Next Generation Repositories Principles",
        ("COAR Next Generation Repositories Principles",),
        r"Next Generation Repositor",
    ),
    StandardName(
        "Contributor Covenant",
        (
            "Contributor Covenant Code of Conduct for Open Source and Other Digital Commons"
            " Communities",
        ),
        r"Contributor Covenant",
    ),
    StandardName(
        "FAIR Guiding Principles",
        ("FAIR Guiding Principles for Scientific Data Management and Stewardship",),
        r"\bFAIR\b",
    ),
    StandardName(
        "FOREST Framework for Values-Driven Scholarly Communication",
        ("FOREST Framework for Values-Driven Scholarly Communication",),
        r"FOREST Framework",
    ),
    StandardName(
        "Helsinki Initiative on Multilingualism",
        ("Helsinki Initiative on Multilingualism",),
        r"Helsinki Initiative",
    ),
    StandardName("HumetricsHSS values framework", ("HumetricsHSS values framework",), r"Humetrics"),
    StandardName(
        "It Takes a Village",
        ("It Takes a Village Open Source Software Sustainability toolkit",),
        r"Takes a Village",
    ),
    StandardName(
        "C4DISC Joint Statement of Principles",
        (
            "Joint Statement of Principles of the Coalition for Diversity and Inclusion"
            " in Scholarly Communication (C4DISC)",
        ),
        r"C4DISC",
    ),
    StandardName(
        "Principles for Open Scholarly Infrastructure",
        ("Principles for Open Scholarly Infrastructure (POSI)",),
        r"\bPOSI\b|Principles for Open Scholarly Infrastructure",
    ),
    StandardName(
        "San Francisco Declaration on Research Assessment",
        ("San Francisco Declaration on Research Assessment (DORA)",),
        r"\bDORA\b",
    ),
    StandardName(
        "UN Sustainable Development Goals", ("UN Sustainable Development Goals",), r"\bSDGs?\b"
    ),
    # named by services' standards_employed text
    StandardName(
        "Web Content Accessibility Guidelines",
        (),
        r"\bWCAG\b|Web Content Accessibility Guidelines",
    ),
    StandardName(
        "Linked Data Notifications",
        ("Linked Data Notifications",),
        r"Linked Data Notification|\bLDN\b",
    ),
    StandardName("COAR Notify", (), r"COAR Notify"),
    StandardName("FAIR Signposting", (), r"FAIR Signposting"),
    StandardName("Solid", ("Solid",), None),
    StandardName("OpenAPI", (), r"\bOpenAPI\b"),
    StandardName("Web Annotation", (), r"Web Annotation"),
)
