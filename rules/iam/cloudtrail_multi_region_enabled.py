from csmm_static.model import Graph, Resource, as_bool, as_list, control
from csmm_static.policy import any_settled


@control(
    pillar="iam",
    level=2,
    severity="critical",
    subject="AWS::Account",
    refs={
        "cis": ["3.1"],
        "fsbp": ["CloudTrail.1"],
        "nist_csf": ["PR.PS-04", "DE.CM-03"],
        "prowler": [
            "cloudtrail_multi_region_enabled",
            "cloudtrail_multi_region_enabled_logging_management_events",
        ],
    },
    formats=("cfn", "tf", "tfplan", "evidence"),
    unrecorded={
        "config": (
            "AWS Config records a trail's settings but not whether it is logging (get-trail-status "
            "output does) nor its custom event selectors"
        ),
    },
)
def cloudtrail_multi_region_enabled(account: Resource, graph: Graph) -> bool:
    """A multi-region CloudTrail trail records the account's read and write management events.

    Why it matters:
        Without a trail covering every region, API activity (including an attacker's, in a
        region nobody watches) leaves no durable record, and investigations start blind.

    Remediation:
        Create one trail with `IsMultiRegionTrail: true`, `IsLogging: true` and
        `IncludeGlobalServiceEvents: true` (Terraform: `is_multi_region_trail = true`), ideally
        an organization trail from the management account, and keep its event selectors
        recording all management events (`EventSelectors` with `ReadWriteType: All`;
        Terraform `event_selector { read_write_type = "All" }`).
    """
    return any_settled(graph.resources("AWS::CloudTrail::Trail"), _covers_account)


def _covers_account(trail: Resource) -> bool:
    logging = as_bool(trail.get("IsLogging", True)) is not False
    multi_region = as_bool(trail.get("IsMultiRegionTrail")) is True
    global_events = as_bool(trail.get("IncludeGlobalServiceEvents", True)) is not False
    return logging and multi_region and global_events and _records_management_events(trail)


def _records_management_events(trail: Resource) -> bool:
    """Read and write management events: the default without selectors; otherwise a basic
    selector that keeps them (`IncludeManagementEvents`, `ReadWriteType: All`, both the
    defaults) or an advanced selector on `eventCategory = Management` without a `readOnly`
    filter."""
    basic = as_list(trail.get("EventSelectors"))
    advanced = as_list(trail.get("AdvancedEventSelectors"))
    if not basic and not advanced:
        return True
    for selector in basic:
        if (
            isinstance(selector, dict)
            and as_bool(selector.get("IncludeManagementEvents", True)) is not False
            and selector.get("ReadWriteType", "All") == "All"
        ):
            return True
    for selector in advanced:
        fields = as_list(selector.get("FieldSelectors")) if isinstance(selector, dict) else []
        by_name = {f.get("Field"): f for f in fields if isinstance(f, dict)}
        category = by_name.get("eventCategory", {})
        if "Management" in as_list(category.get("Equals")) and "readOnly" not in by_name:
            return True
    return False
