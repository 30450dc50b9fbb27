from csmm_static.model import Graph, Resource, as_list, control
from csmm_static.network import endpoint_type, vpc_endpoints


@control(
    pillar="networking",
    level=3,
    severity="medium",
    subject="AWS::EC2::VPC",
    refs={"nist_csf": ["PR.IR-01", "PR.DS-02"]},
)
def vpc_s3_endpoint_configured(vpc: Resource, graph: Graph) -> bool:
    """VPCs reach Amazon S3 through a VPC endpoint.

    Why it matters:
        Without an endpoint, S3 traffic leaves through a NAT or internet gateway, where
        bucket policies cannot tell it apart from the internet (`aws:SourceVpce`) and an
        egress firewall has to allow all of S3. A gateway endpoint keeps it on the AWS
        network, costs nothing and carries an endpoint policy. A gateway endpoint counts only
        when route tables use it.

    Remediation:
        Add an `AWS::EC2::VPCEndpoint` with `ServiceName: com.amazonaws.<region>.s3`,
        `VpcEndpointType: Gateway` and the private route tables in `RouteTableIds`
        (Terraform: `aws_vpc_endpoint` with `service_name`, `route_table_ids`).
    """
    for endpoint in vpc_endpoints(graph, vpc).get("s3", []):
        if endpoint_type(endpoint) != "Gateway" or as_list(endpoint.get("RouteTableIds")):
            return True
    return False
