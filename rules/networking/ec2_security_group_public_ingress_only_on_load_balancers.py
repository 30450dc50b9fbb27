from csmm_static.model import Graph, Resource, Unknown, control
from csmm_static.network import attachments, is_load_balancer, public_ingress


@control(
    pillar="networking",
    level=3,
    severity="medium",
    subject="AWS::EC2::SecurityGroup",
    refs={"nist_csf": ["PR.IR-01"]},
)
def ec2_security_group_public_ingress_only_on_load_balancers(group: Resource, graph: Graph) -> bool:
    """Only load balancers sit in security groups open to the whole internet.

    Why it matters:
        In a tiered network the internet reaches the load balancer and nothing else;
        instances, containers, functions and databases accept traffic only from the tier in
        front of them. A world-open group on a workload skips that tier and its TLS, WAF and
        logging. A world-open group that nothing in the scan uses is unknown.

    Remediation:
        Attach world-open groups (`CidrIp: 0.0.0.0/0`, `CidrIpv6: ::/0`) only to
        `AWS::ElasticLoadBalancingV2::LoadBalancer.SecurityGroups`, and admit the workload
        from the balancer's group (`SourceSecurityGroupId`). Terraform: attach the group only
        to `aws_lb.security_groups`; use `security_groups` /
        `referenced_security_group_id` in the workload's rules.
    """
    if not public_ingress(group):
        return True
    users = attachments(graph, group)
    if not users:
        raise Unknown("no resource in the scan uses this world-open security group")
    return all(is_load_balancer(user) for user in users)
