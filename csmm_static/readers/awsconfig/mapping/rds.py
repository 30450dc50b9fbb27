"""RDS instances and clusters (Config keeps the Describe API's odd capitalisation)."""

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


def _shared(out: Output, groups_key: str) -> list[str]:
    """Properties instances and clusters share (same Config and CloudFormation names)."""
    c = out.config
    groups = strings(get(g, "vpcSecurityGroupId") for g in dicts(c, "vpcSecurityGroups"))
    set_props(
        out,
        Engine=get(c, "engine"),
        EngineVersion=get(c, "engineVersion"),
        MasterUsername=get(c, "masterUsername"),
        PubliclyAccessible=boolean(get(c, "publiclyAccessible")),
        StorageEncrypted=boolean(get(c, "storageEncrypted")),
        KmsKeyId=get(c, "kmsKeyId"),
        StorageType=get(c, "storageType"),
        Iops=integer(get(c, "iops")),
        EnableIAMDatabaseAuthentication=boolean(
            get(
                c,
                "iAMDatabaseAuthenticationEnabled",
                "iamDatabaseAuthenticationEnabled",
                "iamdatabaseAuthenticationEnabled",
            )
        ),
        DeletionProtection=boolean(get(c, "deletionProtection")),
        BackupRetentionPeriod=integer(get(c, "backupRetentionPeriod")),
        CopyTagsToSnapshot=boolean(get(c, "copyTagsToSnapshot")),
        MonitoringInterval=integer(get(c, "monitoringInterval")),
        EnableCloudwatchLogsExports=strings(items(c, "enabledCloudwatchLogsExports")),
        AssociatedRoles=[
            {"FeatureName": get(r, "featureName"), "RoleArn": get(r, "roleArn")}
            for r in dicts(c, "associatedRoles")
        ],
        **{groups_key: groups},
    )
    for group in groups:
        out.refer(groups_key, "AWS::EC2::SecurityGroup", group)
    out.refer("KmsKeyId", "AWS::KMS::Key", get(c, "kmsKeyId"))
    return groups


def db_instance(out: Output) -> None:
    c = out.config
    _shared(out, "VPCSecurityGroups")
    subnet_group = get(
        get(c, "dBSubnetGroup", "dbSubnetGroup"), "dBSubnetGroupName", "dbSubnetGroupName"
    )
    parameter_groups = dicts(c, "dBParameterGroups", "dbParameterGroups")
    option_groups = dicts(c, "optionGroupMemberships")
    set_props(
        out,
        DBInstanceIdentifier=get(c, "dBInstanceIdentifier", "dbInstanceIdentifier")
        or out.item.resource_name,
        DBInstanceClass=get(c, "dBInstanceClass", "dbInstanceClass"),
        DBClusterIdentifier=get(c, "dBClusterIdentifier", "dbClusterIdentifier"),
        DBName=get(c, "dBName", "dbName"),
        AllocatedStorage=integer(get(c, "allocatedStorage")),
        MaxAllocatedStorage=integer(get(c, "maxAllocatedStorage")),
        MultiAZ=boolean(get(c, "multiAZ")),
        AutoMinorVersionUpgrade=boolean(get(c, "autoMinorVersionUpgrade")),
        MonitoringRoleArn=get(c, "monitoringRoleArn"),
        EnablePerformanceInsights=boolean(get(c, "performanceInsightsEnabled")),
        PerformanceInsightsKMSKeyId=get(c, "performanceInsightsKMSKeyId"),
        PerformanceInsightsRetentionPeriod=integer(get(c, "performanceInsightsRetentionPeriod")),
        CACertificateIdentifier=get(c, "cACertificateIdentifier", "caCertificateIdentifier"),
        Port=integer(get(get(c, "endpoint"), "port")) or integer(get(c, "dbInstancePort")) or None,
        AvailabilityZone=get(c, "availabilityZone"),
        DBSubnetGroupName=subnet_group,
        DBParameterGroupName=get(parameter_groups[0], "dBParameterGroupName")
        if parameter_groups
        else None,
        OptionGroupName=get(option_groups[0], "optionGroupName") if option_groups else None,
        SourceDBInstanceIdentifier=get(c, "readReplicaSourceDBInstanceIdentifier"),
    )
    # Config names an Aurora member's cluster and a replica's source by identifier only.
    out.refer(
        "DBClusterIdentifier",
        "AWS::RDS::DBCluster",
        get(c, "dBClusterIdentifier", "dbClusterIdentifier"),
    )
    out.refer(
        "SourceDBInstanceIdentifier",
        "AWS::RDS::DBInstance",
        get(c, "readReplicaSourceDBInstanceIdentifier"),
    )


def db_cluster(out: Output) -> None:
    c = out.config
    _shared(out, "VpcSecurityGroupIds")
    set_props(
        out,
        DBClusterIdentifier=get(
            c, "dBClusterIdentifier", "dbclusterIdentifier", "dbClusterIdentifier"
        )
        or out.item.resource_name,
        EngineMode=get(c, "engineMode"),
        DatabaseName=get(c, "databaseName"),
        BacktrackWindow=integer(get(c, "backtrackWindow")),
        EnableHttpEndpoint=boolean(get(c, "httpEndpointEnabled")),
        PerformanceInsightsEnabled=boolean(get(c, "performanceInsightsEnabled")),
        Port=integer(get(c, "port")),
        DBSubnetGroupName=get(c, "dBSubnetGroup", "dbsubnetGroup", "dbSubnetGroup"),
    )


def db_subnet_group(out: Output) -> None:
    c = out.config
    subnets = strings(get(s, "subnetIdentifier") for s in dicts(c, "subnets"))
    set_props(
        out,
        DBSubnetGroupName=get(c, "dBSubnetGroupName") or out.item.resource_id,
        DBSubnetGroupDescription=get(c, "dBSubnetGroupDescription"),
        SubnetIds=subnets,
    )
    for subnet in subnets:
        out.refer("SubnetIds", "AWS::EC2::Subnet", subnet)


MAPPERS = {
    "AWS::RDS::DBInstance": db_instance,
    "AWS::RDS::DBCluster": db_cluster,
    "AWS::RDS::DBSubnetGroup": db_subnet_group,
}
