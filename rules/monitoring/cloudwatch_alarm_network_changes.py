from csmm_static.events import Detections, calls
from csmm_static.model import Graph, Resource, control

# The CIS lists, without the EC2-Classic ClassicLink calls AWS retired in 2022.
NETWORK_CHANGES = calls(
    "ec2",
    "AuthorizeSecurityGroupIngress",
    "AuthorizeSecurityGroupEgress",
    "RevokeSecurityGroupIngress",
    "RevokeSecurityGroupEgress",
    "CreateSecurityGroup",
    "DeleteSecurityGroup",
    "CreateNetworkAcl",
    "CreateNetworkAclEntry",
    "DeleteNetworkAcl",
    "DeleteNetworkAclEntry",
    "ReplaceNetworkAclEntry",
    "ReplaceNetworkAclAssociation",
    "CreateCustomerGateway",
    "DeleteCustomerGateway",
    "AttachInternetGateway",
    "CreateInternetGateway",
    "DeleteInternetGateway",
    "DetachInternetGateway",
    "CreateRoute",
    "CreateRouteTable",
    "ReplaceRoute",
    "ReplaceRouteTableAssociation",
    "DeleteRouteTable",
    "DeleteRoute",
    "DisassociateRouteTable",
    "CreateVpc",
    "DeleteVpc",
    "ModifyVpcAttribute",
    "AcceptVpcPeeringConnection",
    "CreateVpcPeeringConnection",
    "DeleteVpcPeeringConnection",
    "RejectVpcPeeringConnection",
)


@control(
    pillar="monitoring",
    level=2,
    severity="medium",
    subject="AWS::Account",
    refs={
        "cis": ["4.10", "4.11", "4.12", "4.13", "4.14"],
        "fsbp": [
            "CloudWatch.10",
            "CloudWatch.11",
            "CloudWatch.12",
            "CloudWatch.13",
            "CloudWatch.14",
        ],
        "nist_csf": ["DE.CM-01", "DE.CM-03", "DE.AE-02"],
        "prowler": [
            "cloudwatch_log_metric_filter_security_group_changes",
            "cloudwatch_changes_to_network_acls_alarm_configured",
            "cloudwatch_changes_to_network_gateways_alarm_configured",
            "cloudwatch_changes_to_network_route_tables_alarm_configured",
            "cloudwatch_changes_to_vpcs_alarm_configured",
        ],
    },
)
def cloudwatch_alarm_network_changes(account: Resource, graph: Graph) -> bool:
    """Changes to security groups, network ACLs, gateways, routes and VPCs raise an alert.

    Why it matters:
        Opening a port, adding an internet gateway or a route, or peering a VPC changes what
        can reach the workload; outside a pipeline such a change is either drift or an
        intruder building a way in or out.

    Remediation:
        Add metric filters on the trail's log group for the CIS lists of security group,
        network ACL, gateway, route table and VPC event names, with alarms that have SNS
        actions (`AWS::Logs::MetricFilter`, `AWS::CloudWatch::Alarm`; Terraform:
        `aws_cloudwatch_log_metric_filter`, `aws_cloudwatch_metric_alarm`), or one EventBridge
        rule with `source: [aws.ec2]` and those `detail.eventName` values, with a target.
    """
    return Detections.of(graph).require(NETWORK_CHANGES)
