"""AWS Config items of v2 load balancers: attributes live in `supplementaryConfiguration`."""

from __future__ import annotations

from pathlib import Path

import pytest

from csmm_static.model import Unknown
from csmm_static.readers import parse
from tests.readers.test_awsconfig import ACCOUNT, REGION, delivered, only, snapshot, write

ARN = f"arn:aws:elasticloadbalancing:{REGION}:{ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188"
CONFIGURATION = {"loadBalancerArn": ARN, "loadBalancerName": "web", "type": "application"}


def test_attributes_come_from_the_supplementary_configuration(tmp_path: Path) -> None:
    attributes = [{"key": "access_logs.s3.enabled", "value": "true"}]
    balancer = delivered(
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        ARN,
        CONFIGURATION,
        supplementary={"LoadBalancerAttributes": attributes},
        arn=ARN,
    )
    node = only(parse([write(tmp_path / "s.json", snapshot(balancer))]), balancer["resourceType"])
    assert node.get("LoadBalancerAttributes") == [
        {"Key": "access_logs.s3.enabled", "Value": "true"}
    ]


def test_attributes_are_unknown_when_the_export_left_them_out(tmp_path: Path) -> None:
    balancer = delivered("AWS::ElasticLoadBalancingV2::LoadBalancer", ARN, CONFIGURATION, arn=ARN)
    del balancer["supplementaryConfiguration"]
    node = only(parse([write(tmp_path / "s.json", snapshot(balancer))]), balancer["resourceType"])
    with pytest.raises(Unknown, match="supplementaryConfiguration"):
        node.get("LoadBalancerAttributes")
