from csmm_static.model import Graph, Resource, control


@control(
    pillar="networking",
    level=3,
    severity="medium",
    subject="AWS::EC2::TransitGateway",
    refs={
        "fsbp": ["EC2.23"],
        "nist_csf": ["PR.IR-01"],
        "prowler": ["ec2_transitgateway_auto_accept_vpc_attachments"],
    },
)
def ec2_transit_gateway_auto_accept_disabled(gateway: Resource, graph: Graph) -> bool:
    """Transit gateways do not accept shared attachments automatically.

    Why it matters:
        With auto-accept on, any account the gateway is shared with can attach a VPC and
        join the routing domain without review, bridging networks that segmentation was
        meant to keep apart. AWS's default is off.

    Remediation:
        Leave `AutoAcceptSharedAttachments` unset or `disable` on `AWS::EC2::TransitGateway`
        (Terraform: `aws_ec2_transit_gateway.auto_accept_shared_attachments = "disable"`) and
        accept attachments explicitly.
    """
    return str(gateway.get("AutoAcceptSharedAttachments", "disable")).lower() != "enable"
