"""CloudWatch metric alarms."""

from __future__ import annotations

from csmm_static.readers.awsconfig.mapping.common import (
    Output,
    boolean,
    dicts,
    get,
    integer,
    items,
    set_props,
    strings,
)


def alarm(out: Output) -> None:
    c = out.config
    threshold = get(c, "threshold")
    set_props(
        out,
        AlarmName=get(c, "alarmName") or out.item.resource_name,
        AlarmDescription=get(c, "alarmDescription"),
        ActionsEnabled=boolean(get(c, "actionsEnabled")),
        AlarmActions=strings(items(c, "alarmActions")),
        OKActions=strings(items(c, "okActions", "okactions", "oKActions")),
        InsufficientDataActions=strings(items(c, "insufficientDataActions")),
        MetricName=get(c, "metricName"),
        Namespace=get(c, "namespace"),
        Statistic=get(c, "statistic"),
        ExtendedStatistic=get(c, "extendedStatistic"),
        Period=integer(get(c, "period")),
        EvaluationPeriods=integer(get(c, "evaluationPeriods")),
        DatapointsToAlarm=integer(get(c, "datapointsToAlarm")),
        Threshold=threshold if isinstance(threshold, int | float) else None,
        ComparisonOperator=get(c, "comparisonOperator"),
        TreatMissingData=get(c, "treatMissingData"),
        Unit=get(c, "unit"),
        Dimensions=[
            {"Name": get(d, "name"), "Value": get(d, "value")} for d in dicts(c, "dimensions")
        ],
    )
    for dimension in dicts(c, "dimensions"):
        if get(dimension, "name") == "InstanceId":  # the alarm watches that instance
            out.refer("Dimensions", "AWS::EC2::Instance", get(dimension, "value"))


MAPPERS = {"AWS::CloudWatch::Alarm": alarm}
