from csmm_static.model import Graph, Resource, control
from csmm_static.network import HIGH_RISK_PORTS, publicly_open_ports


@control(
    pillar="networking",
    level=1,
    severity="high",
    subject="AWS::EC2::SecurityGroup",
    refs={
        "cis": ["5.1.2"],
        "fsbp": ["EC2.19"],
        "nist_csf": ["PR.IR-01"],
        "prowler": [
            "ec2_securitygroup_allow_ingress_from_internet_to_high_risk_tcp_ports",
            "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_mysql_3306",
            "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_postgres_5432",
            "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_redis_6379",
            "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_mongodb_27017_27018",
            "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_telnet_23",
            "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_ftp_20_21",
            "ec2_instance_port_cifs_exposed_to_internet",
        ],
    },
)
def ec2_security_group_no_public_high_risk_ports(group: Resource, graph: Graph) -> bool:
    """Security groups keep database, file-sharing and other high-risk ports off the internet.

    Why it matters:
        Databases, caches, search clusters, SMB, FTP, Telnet, mail and container control
        ports reached from 0.0.0.0/0 or ::/0 are found by mass scanners within minutes and
        are routinely ransomed, wiped or used to run code. SSH and RDP have their own
        controls; the ports covered here are listed in `csmm_static.network.HIGH_RISK_PORTS`
        (the Security Hub EC2.19 list and Prowler's per-service ports).

    Remediation:
        Keep these services in private subnets and admit them only from the security groups
        of their clients: CloudFormation `SourceSecurityGroupId` instead of `CidrIp` /
        `CidrIpv6` in `SecurityGroupIngress`; Terraform `security_groups` (or
        `referenced_security_group_id`) instead of `cidr_blocks` / `ipv6_cidr_blocks`.
    """
    return not publicly_open_ports(group, tuple(HIGH_RISK_PORTS))
