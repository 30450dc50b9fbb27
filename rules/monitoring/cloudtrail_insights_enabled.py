from csmm_static.model import Graph, Resource, as_bool, as_list, control

_INSIGHTS = {"ApiCallRateInsight", "ApiErrorRateInsight"}


def _insight_types(resource: Resource) -> set[str]:
    return {
        str(s.get("InsightType"))
        for s in as_list(resource.get("InsightSelectors"))
        if isinstance(s, dict)
    }


@control(
    pillar="monitoring",
    level=4,
    severity="low",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config records only whether a trail has Insights selectors, not which Insights "
            "types they enable, nor whether the trail is logging"
        ),
    },
    refs={
        "nist_csf": ["DE.AE-02", "DE.CM-09"],
        "prowler": ["cloudtrail_insights_exist"],
    },
)
def cloudtrail_insights_enabled(account: Resource, graph: Graph) -> bool:
    """CloudTrail Insights flags unusual API call or error rates.

    Why it matters:
        Enumeration, mass deletion and scripted abuse change the rate of API calls and
        errors long before they match a known signature. Insights learns the account's
        baseline and raises an event when the rate departs from it.

    Remediation:
        Add `InsightSelectors` with `InsightType: ApiCallRateInsight` and
        `ApiErrorRateInsight` to the main trail (Terraform: `insight_selector` blocks on
        `aws_cloudtrail`), or to a CloudTrail Lake event data store with an
        `InsightsDestination`.
    """
    for trail in graph.resources("AWS::CloudTrail::Trail"):
        if as_bool(trail.get("IsLogging", True)) is not False and _insight_types(trail) & _INSIGHTS:
            return True
    return any(
        store.get("InsightsDestination") and _insight_types(store) & _INSIGHTS
        for store in graph.resources("AWS::CloudTrail::EventDataStore")
    )
