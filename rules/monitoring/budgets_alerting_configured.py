from csmm_static.model import Graph, Resource, as_list, control


@control(
    pillar="monitoring",
    level=2,
    severity="low",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config records budget actions but not budgets with their notification "
            "subscribers, nor Cost Anomaly Detection monitors and subscriptions"
        ),
    },
    refs={"nist_csf": ["DE.AE-02", "DE.CM-09"]},
)
def budgets_alerting_configured(account: Resource, graph: Graph) -> bool:
    """Unexpected spend raises an alert through a budget or cost anomaly monitor.

    Why it matters:
        Crypto-mining on stolen credentials and runaway resources show up on the bill before
        anywhere else; a budget or anomaly alert turns a month-end surprise into a same-day
        investigation.

    Remediation:
        Declare an `AWS::Budgets::Budget` with `NotificationsWithSubscribers`, or an
        `AWS::CE::AnomalyMonitor` with an `AWS::CE::AnomalySubscription` that has
        `Subscribers` (Terraform: `aws_budgets_budget` with `notification`,
        `aws_ce_anomaly_monitor`, `aws_ce_anomaly_subscription`).
    """
    for budget in graph.resources("AWS::Budgets::Budget"):
        for entry in as_list(budget.get("NotificationsWithSubscribers")):
            if isinstance(entry, dict) and as_list(entry.get("Subscribers")):
                return True
    for subscription in graph.resources("AWS::CE::AnomalySubscription"):
        if as_list(subscription.get("Subscribers")) and as_list(subscription.get("MonitorArnList")):
            return True
    return False
