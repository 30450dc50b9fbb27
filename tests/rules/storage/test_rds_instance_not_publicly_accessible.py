"""PubliclyAccessible left unset: resolved through the graph, or unknown, never guessed."""

from __future__ import annotations

from collections.abc import Callable

Run = Callable[[str, str], dict[str, tuple[str, str]]]
CONTROL = "rds_instance_not_publicly_accessible"
INSTANCE = """
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t4g.micro
      AllocatedStorage: "20"
      ManageMasterUserPassword: true
      MasterUsername: admin
"""


def test_no_subnet_group_means_default_vpc_which_is_unknown(run_control: Run) -> None:
    status, reason = run_control(CONTROL, "Resources:" + INSTANCE)["Db"]
    assert status == "unknown"
    assert "default VPC" in reason


def test_subnet_group_outside_the_scan_is_unknown(run_control: Run) -> None:
    template = "Resources:" + INSTANCE + "      DBSubnetGroupName: shared-data-subnets\n"
    status, reason = run_control(CONTROL, template)["Db"]
    assert (status, "not in the scan" in reason) == ("unknown", True)


def test_subnet_whose_vpc_is_outside_the_scan_is_unknown(run_control: Run) -> None:
    template = (
        "Resources:"
        + INSTANCE
        + """      DBSubnetGroupName: !Ref Group
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: vpc-0123456789abcdef0
      CidrBlock: 10.0.1.0/24
  Group:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      DBSubnetGroupDescription: data
      SubnetIds: [!Ref Subnet]
"""
    )
    assert run_control(CONTROL, template)["Db"][0] == "unknown"


def test_explicit_value_wins_over_the_network(run_control: Run) -> None:
    template = "Resources:" + INSTANCE + "      PubliclyAccessible: false\n"
    assert run_control(CONTROL, template)["Db"] == ("pass", "")
