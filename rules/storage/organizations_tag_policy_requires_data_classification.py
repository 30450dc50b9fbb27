import json
import re

from csmm_static.model import Graph, Resource, as_list, control, require_known

CLASSIFICATION_KEY = re.compile(r"(classification|sensitivity|confidentiality)$")


@control(
    pillar="storage",
    level=3,
    severity="medium",
    subject="AWS::Account",
    # Account exports carry Organizations policies (evidence).
    formats=("cfn", "tf", "tfplan", "evidence"),
    unrecorded={
        "config": (
            "AWS Config does not record AWS Organizations policies, such as tag policies, or their "
            "attachments"
        ),
    },
    refs={
        "nist_csf": ["ID.AM-05", "GV.PO-01"],
        "prowler": ["organizations_tags_policies_enabled_and_attached"],
    },
)
def organizations_tag_policy_requires_data_classification(account: Resource, graph: Graph) -> bool:
    """An attached Organizations tag policy defines the data classification tag.

    Why it matters:
        Classification tags written by hand drift: keys get misspelt and values invented. A
        tag policy fixes the key and its allowed values for every account it is attached to,
        so guardrails keyed on classification can be trusted.

    Remediation:
        Create an `AWS::Organizations::Policy` with `Type: TAG_POLICY` whose `Content.tags`
        defines the classification key (`tag_key`, `tag_value`, `enforced_for`), and attach
        it with `TargetIds` (Terraform `aws_organizations_policy` with `type = "TAG_POLICY"`
        and an `aws_organizations_policy_attachment`).
    """
    for tag_policy in graph.resources("AWS::Organizations::Policy"):
        if tag_policy.get("Type") != "TAG_POLICY":
            continue
        attached = bool(as_list(tag_policy.get("TargetIds"))) or bool(
            graph.related(tag_policy, direction="in")
        )
        if attached and _defines_classification(tag_policy.get("Content")):
            return True
    return False


def _defines_classification(content: object) -> bool:
    if isinstance(content, str):
        try:
            content = json.loads(content)
        except ValueError:
            return False
    tags = require_known(content).get("tags") if isinstance(content, dict) else None
    if not isinstance(tags, dict):
        return False
    for name, spec in tags.items():
        key = spec.get("tag_key") if isinstance(spec, dict) else None
        # The map key is a lowercase handle; `tag_key.@@assign` is the key as written.
        assigned = key.get("@@assign", name) if isinstance(key, dict) else name
        if CLASSIFICATION_KEY.search(re.sub(r"[^a-z]", "", str(assigned).lower())):
            return True
    return False
