"""AWS Config items of the compute family: Auto Scaling groups and launch configurations,
instance profiles listed by their role, instance maintenance options, recovery alarms."""

from __future__ import annotations

from pathlib import Path

from csmm_static.readers import parse
from tests.readers.test_awsconfig import delivered, only, snapshot, write


def test_groups_and_launch_configurations_take_cloudformation_shapes(tmp_path: Path) -> None:
    # Shapes of DescribeAutoScalingGroups / DescribeLaunchConfigurations as Config records
    # them (aws-config-resource-schema): one comma-separated `vpczoneIdentifier`, empty
    # strings for unset text fields.
    group = delivered(
        "AWS::AutoScaling::AutoScalingGroup",
        "arn:aws:autoscaling:eu-west-1:111122223333:autoScalingGroup:1f2e:autoScalingGroupName/web",
        {
            "autoScalingGroupName": "web",
            "launchConfigurationName": "web-lc",
            "minSize": 2,
            "maxSize": 4,
            "availabilityZones": ["eu-west-1a", "eu-west-1b"],
            "loadBalancerNames": [],
            "targetGroupARNs": [
                "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/1"
            ],
            "healthCheckType": "ELB",
            "maxInstanceLifetime": 604800,
            "vpczoneIdentifier": "subnet-1,subnet-2",
        },
        name="web",
    )
    configuration = delivered(
        "AWS::AutoScaling::LaunchConfiguration",
        "arn:aws:autoscaling:eu-west-1:111122223333:launchConfiguration:9a8b:launchConfigurationName/web-lc",
        {
            "launchConfigurationName": "web-lc",
            "imageId": "ami-1",
            "keyName": "",
            "userData": "",
            "securityGroups": ["sg-1"],
            "associatePublicIpAddress": False,
            "metadataOptions": {"httpTokens": "required", "httpPutResponseHopLimit": 1},
            "blockDeviceMappings": [
                {"deviceName": "/dev/xvda", "ebs": {"volumeSize": 8, "encrypted": True}}
            ],
        },
        name="web-lc",
    )
    parsed = parse([write(tmp_path / "s.json", snapshot(group, configuration))])
    asg = only(parsed, "AWS::AutoScaling::AutoScalingGroup")
    assert asg.get("VPCZoneIdentifier") == ["subnet-1", "subnet-2"]
    assert asg.get("LaunchConfigurationName") == "web-lc"
    assert asg.get("LaunchTemplate") is None
    assert asg.get("HealthCheckType") == "ELB" and asg.get("MaxInstanceLifetime") == 604800
    lc = only(parsed, "AWS::AutoScaling::LaunchConfiguration")
    assert lc.get("KeyName") is None and lc.get("UserData") is None
    assert lc.get("AssociatePublicIpAddress") is False
    assert lc.get("MetadataOptions") == {"HttpTokens": "required", "HttpPutResponseHopLimit": 1}
    assert lc.get("BlockDeviceMappings.0.Ebs.Encrypted") is True
    assert [r.address for r in parsed.graph.related(asg, "AWS::AutoScaling::LaunchConfiguration")]


def test_a_role_lists_its_instance_profiles_and_alarms_name_their_instance(
    tmp_path: Path,
) -> None:
    role = delivered(
        "AWS::IAM::Role",
        "AROA1",
        {
            "roleName": "app",
            "arn": "arn:aws:iam::111122223333:role/app",
            "instanceProfileList": [
                {
                    "instanceProfileName": "app-profile",
                    "arn": "arn:aws:iam::111122223333:instance-profile/app-profile",
                    "path": "/",
                    "roles": [{"roleName": "app"}],
                }
            ],
            "attachedManagedPolicies": [],
            "rolePolicyList": [],
        },
        name="app",
        region="global",
    )
    instance = delivered(
        "AWS::EC2::Instance",
        "i-1",
        {"instanceId": "i-1", "maintenanceOptions": {"autoRecovery": "disabled"}},
    )
    alarm = delivered(
        "AWS::CloudWatch::Alarm",
        "recover-i-1",
        {
            "alarmName": "recover-i-1",
            "metricName": "StatusCheckFailed_System",
            "dimensions": [{"name": "InstanceId", "value": "i-1"}],
        },
    )
    parsed = parse([write(tmp_path / "s.json", snapshot(role, instance, alarm))])
    profile = only(parsed, "AWS::IAM::InstanceProfile")
    assert profile.get("InstanceProfileName") == "app-profile" and profile.get("Roles") == ["app"]
    node = only(parsed, "AWS::EC2::Instance")
    assert node.get("InstanceId") == "i-1"
    assert node.get("MaintenanceOptions.AutoRecovery") == "disabled"
    watching = parsed.graph.related(node, "AWS::CloudWatch::Alarm", "in")
    assert [a.address for a in watching] == ["recover-i-1"]


def test_a_snapshot_with_cloudformation_like_keys_is_read_as_aws_config(tmp_path: Path) -> None:
    # An EKS cluster's `EncryptionConfig[].Resources` beside `"resourceType": "AWS::..."` once
    # made the snapshot look like a CloudFormation template.
    cluster = delivered(
        "AWS::EKS::Cluster",
        "shop",
        {
            "Name": "shop",
            "EncryptionConfig": [
                {"Resources": ["secrets"], "Provider": {"KeyArn": "arn:aws:kms:eu-west-1:1:key/k"}}
            ],
        },
        name="shop",
    )
    parsed = parse([write(tmp_path / "snapshot.json", snapshot(cluster))])
    assert [f.format for f in parsed.files] == ["aws-config"]
    assert only(parsed, "AWS::EKS::Cluster").get("EncryptionConfig.0.Resources") == ["secrets"]
