"""IAM policy analysis shared by the controls: the one place that answers IAM questions.

Every pillar's controls import from here (`from csmm_static.policy import ...`); the
submodules are an implementation detail and the names below are the stable API.

Documents (`documents`)
    `decode`, `parse` -> `Policy` of normalized `Statement`s (`covers_action`,
    `grants_action`, `all_actions`, `service_wildcards`, `covers_resource`, `all_resources`,
    `principal_values`, `public_principal`, `has_condition`, `condition_values`, `pins`,
    `restricted_by_condition`, `requires_mfa`, `applies_without_mfa`, `unconditional`).
Questions about one document (`documents`)
    `public_statements`, `grants_admin`, `denies_insecure_transport`, `actions_granted`,
    `negated_condition_denies` (region guardrails, data perimeters, pipeline exemptions),
    `is_restrictive_value`.
Trust policies (`documents`)
    `trust_policy`, `principal_account`, `is_own_account`, and the condition-key sets
    `RESTRICTING_CONDITION_KEYS`, `CONFUSED_DEPUTY_KEYS`, `ORG_PERIMETER_KEYS`, `MFA_KEYS`;
    `UNRESOLVED` (a Resource entry the reader could not resolve).
Principals through the graph (`principals`)
    `resolve`, `refers_to`, `resources_naming`, `attached_policies`, `user_groups`,
    `permissions_boundary`, `identity_policy_documents` (every identity policy document in
    the graph), `permission_set_is_admin`, `principal_access` -> `PrincipalAccess` (`allows`,
    `allows_any`, `allow_statements`, `statements`, `is_admin`, `escalation_paths`),
    `acting_roles`, `event_target_roles`, `aws_managed_policy_name`, `AWS_MANAGED_POLICIES`,
    `ADMIN_POLICY_NAMES`, `ESCALATION_PATHS`.
Account evidence (`account_evidence`)
    `any_settled` ("something in the account does X" when some evidence is unknown),
    `evidence_verdict`, `config_rule_status`, `config_rule_identifier`, `rule_matches`,
    `auto_remediated_rules`, `credential_report`, `root_credentials`, `report_timestamp`,
    `report_time_floor`, `age_in_days`, `ROOT_USER`, `has_organization_evidence`,
    `organization_account_ids`, `organization_policies`, `guardrail_statements`,
    `ORGANIZATION_TYPES`, `event_pattern`, `pattern_admits`, `automation_responds` (an event
    rule that invokes a role able to act).

Lookups of who names whom are indexed once per graph (a cache: the answers are the same).

Conventions: actions and condition keys match case-insensitively, with IAM wildcards. Unknown
parts raise `Unknown` only when the answer depends on them: an unresolved condition value when
that value is read, an unresolved principal when its kind is asked for; an unresolved Resource
entry stands as `UNRESOLVED`, a specific resource, never `*`. The analysis is deliberately quiet:
a grant counts as privileged only when it is unconditional (any condition may restrict it), so
controls fail on what is certain and leave the rest a pass or an unknown.

AWS managed policies: `AWS_MANAGED_POLICIES` holds the documents of the privileged ones
(`AdministratorAccess`, `PowerUserAccess`, `IAMFullAccess`, `AWSCloudShellFullAccess`) and a
read-only stand-in for the read-only job functions. Any other AWS managed policy is a service
or job-function policy whose document is not in the scan; it is treated as granting none of the
privileged actions these questions look for.
"""

from csmm_static.policy.account_evidence import (
    ORGANIZATION_TYPES,
    ROOT_USER,
    age_in_days,
    any_settled,
    auto_remediated_rules,
    automation_responds,
    config_rule_identifier,
    config_rule_status,
    credential_report,
    event_pattern,
    evidence_verdict,
    guardrail_statements,
    has_organization_evidence,
    organization_account_ids,
    organization_policies,
    pattern_admits,
    report_time_floor,
    report_timestamp,
    root_credentials,
    rule_matches,
)
from csmm_static.policy.documents import (
    ANY_ACTION,
    CONFUSED_DEPUTY_KEYS,
    MFA_KEYS,
    ORG_PERIMETER_KEYS,
    RESTRICTING_CONDITION_KEYS,
    UNRESOLVED,
    Policy,
    Statement,
    actions_granted,
    decode,
    denies_insecure_transport,
    grants_admin,
    is_own_account,
    is_restrictive_value,
    negated_condition_denies,
    parse,
    principal_account,
    public_statements,
    trust_policy,
)
from csmm_static.policy.principals import (
    ADMIN_POLICY_NAMES,
    AWS_MANAGED_POLICIES,
    ESCALATION_PATHS,
    AttachedPolicy,
    PrincipalAccess,
    acting_roles,
    attached_policies,
    aws_managed_policy_name,
    event_target_roles,
    identity_policy_documents,
    permission_set_is_admin,
    permissions_boundary,
    principal_access,
    refers_to,
    resolve,
    resources_naming,
    user_groups,
)

__all__ = [
    "ADMIN_POLICY_NAMES",
    "ANY_ACTION",
    "AWS_MANAGED_POLICIES",
    "CONFUSED_DEPUTY_KEYS",
    "ESCALATION_PATHS",
    "MFA_KEYS",
    "ORGANIZATION_TYPES",
    "ORG_PERIMETER_KEYS",
    "RESTRICTING_CONDITION_KEYS",
    "ROOT_USER",
    "UNRESOLVED",
    "AttachedPolicy",
    "Policy",
    "PrincipalAccess",
    "Statement",
    "acting_roles",
    "actions_granted",
    "age_in_days",
    "any_settled",
    "attached_policies",
    "auto_remediated_rules",
    "automation_responds",
    "aws_managed_policy_name",
    "config_rule_identifier",
    "config_rule_status",
    "credential_report",
    "decode",
    "denies_insecure_transport",
    "event_pattern",
    "event_target_roles",
    "evidence_verdict",
    "grants_admin",
    "guardrail_statements",
    "has_organization_evidence",
    "identity_policy_documents",
    "is_own_account",
    "is_restrictive_value",
    "negated_condition_denies",
    "organization_account_ids",
    "organization_policies",
    "parse",
    "pattern_admits",
    "permission_set_is_admin",
    "permissions_boundary",
    "principal_access",
    "principal_account",
    "public_statements",
    "refers_to",
    "report_time_floor",
    "report_timestamp",
    "resolve",
    "resources_naming",
    "root_credentials",
    "rule_matches",
    "trust_policy",
    "user_groups",
]
