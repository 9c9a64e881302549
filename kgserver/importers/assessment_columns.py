"""Which of Infra Finder's assessment columns carries which term (ontology/README.md, "Infra
Finder mapping"): the tables that `assessment.py` walks. Each row restates the export's column
names and the ontology's terms; nothing here is a fact of its own."""

from __future__ import annotations

# (status column, evidence column, structured column, practice, status scheme)
PRACTICES = (
    (
        "018_open_code_repository_status",
        "019_open_code_repository_url",
        "code_repository_structured",
        "open-code-repository",
    ),
    ("104_code_license_status", "085_code_license_url", "code_license_structured", "code-licence"),
    (
        "020_open_data_statement_status",
        "021_open_data_statement_url",
        "open_data_structured",
        "open-data-statement",
    ),
    ("088_api_status", "089_api_url", "open_api_structured", "open-api"),
    (
        "090_product_roadmap_status",
        "091_product_roadmap_url",
        "product_roadmap_structured",
        "product-roadmap",
    ),
    (
        "022_technical_user_documentation_status",
        "023_technical_user_documentation_url",
        "user_documentation_structured",
        "technical-user-documentation",
    ),
    (
        "024_governance_structure_status",
        "025_governance_structure_url",
        "governance_structure_structured",
        "governance-structure",
    ),
    (
        "026_governance_records_status",
        "028_governance_records_url",
        "governance_records_structured",
        "governance-records",
    ),
    ("108_bylaws_status", "049_community_governance_url", "bylaws_structured", "bylaws"),
    (
        "029_web_accessibility_status",
        "030_web_accessibility_url",
        "web_accessibility_structured",
        "web-accessibility-statement",
    ),
    (
        "033_transparent_pricing_status",
        "034_transparent_pricing_url",
        "pricing_structured",
        "transparent-pricing",
    ),
    (
        "035_commitment_to_equity_status",
        "036_commitment_to_equity_url",
        "equity_and_inclusion_structured",
        "equity-and-inclusion",
    ),
    (
        "037_community_engagement_status",
        "116_community_engagement_url",
        "community_engagement_structured",
        "community-engagement",
    ),
    (
        "039_contribution_pathways",
        "041_contribution_guidelines",
        "contribution_pathways_structured",
        "contribution-pathways",
    ),
    (
        "042_code_of_conduct_status",
        "043_code_of_conduct_url",
        "code_of_conduct_structured",
        "code-of-conduct",
    ),
    (
        "044_commitment_to_privacy_status",
        "045_commitment_to_privacy_url",
        "privacy_policy_structured",
        "privacy-policy",
    ),
)

# (column, free-text column, property, scheme, about the provider rather than the service)
CONTROLLED = (
    ("048_community_governance_status", None, "communityGovernance", "community-governance", False),
    (
        "050_board_structure",
        "950_board_structure_other",
        "boardStructure",
        "board-structure",
        False,
    ),
    ("100_board_level", "900_board_level_other", "boardLevel", "reporting-level", False),
    (
        "038_community_engagement_activities",
        None,
        "communityEngagementActivity",
        "community-engagement-activity",
        False,
    ),
    (
        "040_contribution_opportunities",
        "940_contribution_opportunities_other",
        "contributionPathway",
        "contribution-pathway",
        False,
    ),
    ("046_values_frameworks", None, "valuesFramework", "values-framework", False),
    ("051_business_form", "951_business_form_other", "businessForm", "business-form", True),
    ("052_nonprofit_status", None, "nonprofitStatus", "nonprofit-status", True),
    ("054_staffing_full_time", None, "fullTimeStaff", "staffing", False),
    ("055_staffing_volunteer", None, "volunteerStaff", "staffing", False),
    (
        "061_primary_funding_source",
        "961_primary_funding_source_other",
        "primaryFundingSource",
        "primary-funding-source",
        False,
    ),
    ("076_saas_options", None, "hostingStrategy", "hosting-strategy", False),
    ("079_technology_readiness", None, "technologyReadiness", "technology-readiness", False),
    ("080_maintenance_status", None, "maintenanceStatus", "maintenance-status", False),
    (
        "081_programming_language",
        "981_programming_language_other",
        "programmingLanguage",
        "programming-language",
        False,
    ),
    ("083_integrations", "983_integrations_other", "integration", "integration", False),
    ("084_code_license_name", "984_code_license_name_other", "codeLicence", "code-licence", False),
    (
        "086_content_licensing",
        "986_content_licensing_other",
        "contentLicence",
        "content-licence",
        False,
    ),
    (
        "094_metadata_standards",
        "994_metadata_standards_other",
        "metadataStandard",
        "metadata-standard",
        False,
    ),
    ("095_pids", "995_pids_other", "pidStandard", "pid-standard", False),
    (
        "096_authentication",
        "996_authentication_other",
        "authenticationStandard",
        "authentication-standard",
        False,
    ),
    (
        "098_security_standards",
        "998_security_standards_other",
        "securityStandard",
        "security-standard",
        False,
    ),
    (
        "112_preservation_standards",
        "912_preservation_standards_other",
        "preservationStandard",
        "preservation-standard",
        False,
    ),
    (
        "113_metrics_standards",
        "913_metrics_standards_other",
        "metricsStandard",
        "metrics-standard",
        False,
    ),
)

# The legacy export's free-text columns that the v2 export leaves empty.
LEGACY_TEXT = {
    "983_integrations_other": "what_other_tools",
    "046_values_frameworks": "engagement_with_values_frameworks",
}
