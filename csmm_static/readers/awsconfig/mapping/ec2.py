"""EC2 and VPC: the Describe-API shapes of instances, volumes, groups, ACLs and the network.

Security group permissions become CloudFormation rules, one per source (a permission with two
CIDR ranges is two `SecurityGroupIngress` entries); network ACL entries become `Entries` in the
`AWS::EC2::NetworkAclEntry` shape; routes and associations, separate types in CloudFormation,
become separate resources joined to their table.
"""

from __future__ import annotations

from typing import Any

from csmm_static.model import UnknownValue
from csmm_static.readers.awsconfig.mapping.common import (
    Output,
    arn_name,
    boolean,
    dicts,
    get,
    integer,
    items,
    policy_document,
    set_props,
    strings,
)

_FLOW_LOG_TARGETS = (
    ("vpc-", "VPC", "AWS::EC2::VPC"),
    ("subnet-", "Subnet", "AWS::EC2::Subnet"),
    ("eni-", "NetworkInterface", "AWS::EC2::NetworkInterface"),
    ("tgw-attach-", "TransitGatewayAttachment", "AWS::EC2::TransitGatewayAttachment"),
    ("tgw-", "TransitGateway", "AWS::EC2::TransitGateway"),
)


def security_group(out: Output) -> None:
    c = out.config
    vpc = get(c, "vpcId")
    set_props(
        out,
        GroupId=get(c, "groupId") or out.item.resource_id,
        GroupName=get(c, "groupName") or out.item.resource_name,
        GroupDescription=get(c, "description"),
        VpcId=vpc,
        SecurityGroupIngress=_rules(get(c, "ipPermissions"), "Source", out),
        SecurityGroupEgress=_rules(get(c, "ipPermissionsEgress"), "Destination", out),
    )
    # Every recorded group lists its permissions (maybe none); a query that selected other
    # fields leaves them out, which must not read as "no rules".
    for key, prop in (
        ("ipPermissions", "SecurityGroupIngress"),
        ("ipPermissionsEgress", "SecurityGroupEgress"),
    ):
        if key not in c:
            out.properties[prop] = UnknownValue(f"the item does not include {key}")
    out.refer("VpcId", "AWS::EC2::VPC", vpc)


def _rules(permissions: Any, side: str, out: Output) -> list[dict[str, Any]]:
    rules: list[dict[str, Any]] = []
    for permission in items(permissions):
        if not isinstance(permission, dict):
            out.warn("a security group permission is not an object; it is ignored")
            continue
        protocol = get(permission, "ipProtocol", "IpProtocol", default="-1")
        base: dict[str, Any] = {"IpProtocol": str(protocol)}
        if str(protocol) != "-1":
            for key, name in (("FromPort", "fromPort"), ("ToPort", "toPort")):
                port = integer(get(permission, name))
                if port is not None:
                    base[key] = port
        cidrs: dict[str, str | None] = {}
        for entry in items(get(permission, "ipv4Ranges")) + items(get(permission, "ipRanges")):
            cidr = entry if isinstance(entry, str) else get(entry, "cidrIp")
            if isinstance(cidr, str) and (cidr not in cidrs or cidrs[cidr] is None):
                cidrs[cidr] = get(entry, "description") if isinstance(entry, dict) else None
        for cidr, description in cidrs.items():
            rules.append(_rule(base, CidrIp=cidr, Description=description))
        for entry in dicts(permission, "ipv6Ranges"):
            rules.append(
                _rule(base, CidrIpv6=get(entry, "cidrIpv6"), Description=get(entry, "description"))
            )
        for entry in dicts(permission, "prefixListIds"):
            rules.append(
                _rule(
                    base,
                    **{f"{side}PrefixListId": get(entry, "prefixListId")},
                    Description=get(entry, "description"),
                )
            )
        for entry in dicts(permission, "userIdGroupPairs"):
            extra: dict[str, Any] = {f"{side}SecurityGroupId": get(entry, "groupId")}
            if side == "Source":
                extra["SourceSecurityGroupOwnerId"] = get(entry, "userId")
            group = get(entry, "groupId")
            out.refer(
                f"{'SecurityGroupIngress' if side == 'Source' else 'SecurityGroupEgress'}",
                "AWS::EC2::SecurityGroup",
                group,
            )
            rules.append(_rule(base, **extra, Description=get(entry, "description")))
    return rules


def _rule(base: dict[str, Any], **extra: Any) -> dict[str, Any]:
    rule = dict(base)
    rule.update({k: v for k, v in extra.items() if v is not None})
    return rule


def network_acl(out: Output) -> None:
    c = out.config
    entries = []
    for entry in dicts(c, "entries"):
        protocol = get(entry, "protocol", default="-1")
        number = integer(protocol)
        port_range = get(entry, "portRange")
        icmp = get(entry, "icmpTypeCode")
        entries.append(
            {
                "RuleNumber": integer(get(entry, "ruleNumber")),
                "Protocol": number if number is not None else protocol,
                "RuleAction": get(entry, "ruleAction"),
                "Egress": boolean(get(entry, "egress")) or False,
                "CidrBlock": get(entry, "cidrBlock"),
                "Ipv6CidrBlock": get(entry, "ipv6CidrBlock"),
                "PortRange": (
                    {"From": integer(get(port_range, "from")), "To": integer(get(port_range, "to"))}
                    if isinstance(port_range, dict)
                    else None
                ),
                "Icmp": (
                    {"Code": integer(get(icmp, "code")), "Type": integer(get(icmp, "type"))}
                    if isinstance(icmp, dict)
                    else None
                ),
            }
        )
    vpc = get(c, "vpcId")
    set_props(out, VpcId=vpc, Entries=entries, IsDefault=boolean(get(c, "isDefault")))
    if "entries" not in c:
        out.properties["Entries"] = UnknownValue("the item does not include entries")
    out.refer("VpcId", "AWS::EC2::VPC", vpc)
    for index, association in enumerate(dicts(c, "associations")):
        subnet = get(association, "subnetId")
        if subnet:
            out.associate(
                "AWS::EC2::SubnetNetworkAclAssociation",
                f"association-{index}",
                {"SubnetId": subnet, "NetworkAclId": out.item.resource_id},
                "NetworkAclId",
                ("SubnetId", "AWS::EC2::Subnet", subnet),
            )


def instance(out: Output) -> None:
    c = out.config
    metadata = get(c, "metadataOptions")
    placement = get(c, "placement")
    interfaces = []
    for nic in dicts(c, "networkInterfaces"):
        attachment = get(nic, "attachment")
        public_ip = get(get(nic, "association"), "publicIp")
        interfaces.append(
            {
                "NetworkInterfaceId": get(nic, "networkInterfaceId"),
                "DeviceIndex": integer(get(attachment, "deviceIndex")),
                "SubnetId": get(nic, "subnetId"),
                "GroupSet": strings(get(g, "groupId") for g in dicts(nic, "groups")),
                "AssociatePublicIpAddress": bool(public_ip),
                "Description": get(nic, "description") or None,
            }
        )
    mappings = []
    for index, mapping in enumerate(dicts(c, "blockDeviceMappings")):
        ebs = get(mapping, "ebs")
        volume = get(ebs, "volumeId")
        mappings.append(
            {
                "DeviceName": get(mapping, "deviceName"),
                "Ebs": {"DeleteOnTermination": boolean(get(ebs, "deleteOnTermination"))},
            }
        )
        out.join(
            ("BlockDeviceMappings", index, "Ebs", "Encrypted"),
            "AWS::EC2::Volume",
            volume,
            "Encrypted",
            f"volume {volume} is not in the snapshot; its encryption is recorded on the volume",
        )
        out.refer("BlockDeviceMappings", "AWS::EC2::Volume", volume)
    groups = strings(get(g, "groupId") for g in dicts(c, "securityGroups"))
    profile = get(get(c, "iamInstanceProfile"), "arn")
    set_props(
        out,
        InstanceId=get(c, "instanceId"),
        ImageId=get(c, "imageId"),
        InstanceType=get(c, "instanceType"),
        KeyName=get(c, "keyName"),
        SubnetId=get(c, "subnetId"),
        AvailabilityZone=get(placement, "availabilityZone"),
        Tenancy=get(placement, "tenancy"),
        EbsOptimized=boolean(get(c, "ebsOptimized")),
        Monitoring=(get(get(c, "monitoring"), "state") in ("enabled", "pending"))
        if get(c, "monitoring") is not None
        else None,
        SourceDestCheck=boolean(get(c, "sourceDestCheck")),
        IamInstanceProfile=arn_name(profile),
        SecurityGroupIds=groups,
        MetadataOptions=(
            {
                "HttpTokens": get(metadata, "httpTokens"),
                "HttpEndpoint": get(metadata, "httpEndpoint"),
                "HttpPutResponseHopLimit": integer(get(metadata, "httpPutResponseHopLimit")),
                "InstanceMetadataTags": get(metadata, "instanceMetadataTags"),
            }
            if isinstance(metadata, dict)
            else None
        ),
        NetworkInterfaces=interfaces,
        BlockDeviceMappings=mappings,
        # Not a CloudFormation instance property: the launch template's shape (docs/graph.md).
        MaintenanceOptions=(
            {"AutoRecovery": get(get(c, "maintenanceOptions"), "autoRecovery")}
            if get(get(c, "maintenanceOptions"), "autoRecovery")
            else None
        ),
    )
    out.refer("SubnetId", "AWS::EC2::Subnet", get(c, "subnetId"))
    for group in groups:
        out.refer("SecurityGroupIds", "AWS::EC2::SecurityGroup", group)
    out.refer("IamInstanceProfile", "AWS::IAM::InstanceProfile", profile)


def volume(out: Output) -> None:
    c = out.config
    set_props(
        out,
        Encrypted=boolean(get(c, "encrypted")),
        KmsKeyId=get(c, "kmsKeyId"),
        Size=integer(get(c, "size")),
        VolumeType=get(c, "volumeType"),
        Iops=integer(get(c, "iops")),
        Throughput=integer(get(c, "throughput")),
        SnapshotId=get(c, "snapshotId") or None,
        AvailabilityZone=get(c, "availabilityZone"),
        MultiAttachEnabled=boolean(get(c, "multiAttachEnabled")),
    )
    out.refer("KmsKeyId", "AWS::KMS::Key", get(c, "kmsKeyId"))
    for attachment in dicts(c, "attachments"):
        out.refer("Attachments", "AWS::EC2::Instance", get(attachment, "instanceId"))


def vpc(out: Output) -> None:
    c = out.config
    set_props(
        out,
        CidrBlock=get(c, "cidrBlock"),
        InstanceTenancy=get(c, "instanceTenancy"),
        IsDefault=boolean(get(c, "isDefault")),
    )


def subnet(out: Output) -> None:
    c = out.config
    ipv6 = [get(a, "ipv6CidrBlock") for a in dicts(c, "ipv6CidrBlockAssociationSet")]
    set_props(
        out,
        VpcId=get(c, "vpcId"),
        CidrBlock=get(c, "cidrBlock"),
        AvailabilityZone=get(c, "availabilityZone"),
        MapPublicIpOnLaunch=boolean(get(c, "mapPublicIpOnLaunch")),
        AssignIpv6AddressOnCreation=boolean(get(c, "assignIpv6AddressOnCreation")),
        Ipv6CidrBlock=ipv6[0] if ipv6 else None,
    )
    out.refer("VpcId", "AWS::EC2::VPC", get(c, "vpcId"))


def flow_log(out: Output) -> None:
    c = out.config
    target = get(c, "resourceId")
    kind, target_type = None, ""
    for prefix, name, rtype in _FLOW_LOG_TARGETS:
        if isinstance(target, str) and target.startswith(prefix):
            kind, target_type = name, rtype
            break
    options = get(c, "destinationOptions")
    set_props(
        out,
        ResourceId=target,
        ResourceType=kind,
        TrafficType=get(c, "trafficType"),
        LogDestinationType=get(c, "logDestinationType"),
        LogDestination=get(c, "logDestination"),
        LogGroupName=get(c, "logGroupName"),
        DeliverLogsPermissionArn=get(c, "deliverLogsPermissionArn"),
        LogFormat=get(c, "logFormat"),
        MaxAggregationInterval=integer(get(c, "maxAggregationInterval")),
        DestinationOptions=(
            {
                "FileFormat": get(options, "fileFormat"),
                "HiveCompatiblePartitions": boolean(get(options, "hiveCompatiblePartitions")),
                "PerHourPartition": boolean(get(options, "perHourPartition")),
            }
            if isinstance(options, dict)
            else None
        ),
    )
    if target_type:
        out.refer("ResourceId", target_type, target)


_ROUTE_TARGETS = (
    ("gatewayId", "GatewayId"),
    ("natGatewayId", "NatGatewayId"),
    ("transitGatewayId", "TransitGatewayId"),
    ("vpcPeeringConnectionId", "VpcPeeringConnectionId"),
    ("instanceId", "InstanceId"),
    ("networkInterfaceId", "NetworkInterfaceId"),
    ("egressOnlyInternetGatewayId", "EgressOnlyInternetGatewayId"),
    ("carrierGatewayId", "CarrierGatewayId"),
    ("localGatewayId", "LocalGatewayId"),
)


# Route targets by id prefix (a gateway endpoint's id also sits in `gatewayId`).
_ROUTE_TARGET_TYPES = (
    ("igw-", "AWS::EC2::InternetGateway"),
    ("nat-", "AWS::EC2::NatGateway"),
    ("pcx-", "AWS::EC2::VPCPeeringConnection"),
    ("vpce-", "AWS::EC2::VPCEndpoint"),
    ("tgw-", "AWS::EC2::TransitGateway"),
    ("eni-", "AWS::EC2::NetworkInterface"),
    ("i-", "AWS::EC2::Instance"),
)


def route_table(out: Output) -> None:
    c = out.config
    table = out.item.resource_id
    main = any(boolean(get(a, "main")) for a in dicts(c, "associations"))
    set_props(out, VpcId=get(c, "vpcId"), Main=main or None)
    out.refer("VpcId", "AWS::EC2::VPC", get(c, "vpcId"))
    for index, route in enumerate(dicts(c, "routes")):
        props: dict[str, Any] = {
            "RouteTableId": table,
            "DestinationCidrBlock": get(route, "destinationCidrBlock"),
            "DestinationIpv6CidrBlock": get(route, "destinationIpv6CidrBlock"),
            "DestinationPrefixListId": get(route, "destinationPrefixListId"),
        }
        for source, target in _ROUTE_TARGETS:
            props[target] = get(route, source)
        child = out.synthesize("AWS::EC2::Route", f"route-{index}", props, "RouteTableId")
        for source, target in _ROUTE_TARGETS:
            value = get(route, source)
            kind = next((t for p, t in _ROUTE_TARGET_TYPES if str(value).startswith(p)), "")
            if kind:
                out.refer(target, kind, value, source=child.node_id)
    for index, association in enumerate(dicts(c, "associations")):
        subnet_id, gateway = get(association, "subnetId"), get(association, "gatewayId")
        if subnet_id:
            out.associate(
                "AWS::EC2::SubnetRouteTableAssociation",
                f"association-{index}",
                {"RouteTableId": table, "SubnetId": subnet_id},
                "RouteTableId",
                ("SubnetId", "AWS::EC2::Subnet", subnet_id),
            )
        elif gateway:
            out.synthesize(
                "AWS::EC2::GatewayRouteTableAssociation",
                f"association-{index}",
                {"RouteTableId": table, "GatewayId": gateway},
                "RouteTableId",
            )


def internet_gateway(out: Output) -> None:
    for index, attachment in enumerate(dicts(out.config, "attachments")):
        vpc_id = get(attachment, "vpcId")
        if vpc_id:
            out.associate(
                "AWS::EC2::VPCGatewayAttachment",
                f"attachment-{index}",
                {"VpcId": vpc_id, "InternetGatewayId": out.item.resource_id},
                "InternetGatewayId",
                ("VpcId", "AWS::EC2::VPC", vpc_id),
            )


def nat_gateway(out: Output) -> None:
    c = out.config
    addresses = dicts(c, "natGatewayAddresses")
    set_props(
        out,
        SubnetId=get(c, "subnetId"),
        ConnectivityType=get(c, "connectivityType"),
        AllocationId=get(addresses[0], "allocationId") if addresses else None,
    )
    out.refer("SubnetId", "AWS::EC2::Subnet", get(c, "subnetId"))


def eip(out: Output) -> None:
    c = out.config
    set_props(
        out,
        Domain=get(c, "domain"),
        InstanceId=get(c, "instanceId"),
        PublicIpv4Pool=get(c, "publicIpv4Pool"),
        NetworkBorderGroup=get(c, "networkBorderGroup"),
    )
    out.refer("InstanceId", "AWS::EC2::Instance", get(c, "instanceId"))


def network_interface(out: Output) -> None:
    c = out.config
    groups = strings(get(g, "groupId") for g in dicts(c, "groups"))
    set_props(
        out,
        SubnetId=get(c, "subnetId"),
        Description=get(c, "description") or None,
        GroupSet=groups,
        SourceDestCheck=boolean(get(c, "sourceDestCheck")),
        PrivateIpAddress=get(c, "privateIpAddress"),
        InterfaceType=get(c, "interfaceType"),
    )
    out.refer("SubnetId", "AWS::EC2::Subnet", get(c, "subnetId"))
    for group in groups:
        out.refer("GroupSet", "AWS::EC2::SecurityGroup", group)
    out.refer("Attachment", "AWS::EC2::Instance", get(get(c, "attachment"), "instanceId"))


def vpc_endpoint(out: Output) -> None:
    c = out.config
    groups = strings(get(g, "groupId") for g in dicts(c, "groups"))
    set_props(
        out,
        ServiceName=get(c, "serviceName"),
        VpcEndpointType=get(c, "vpcEndpointType"),
        VpcId=get(c, "vpcId"),
        PrivateDnsEnabled=boolean(get(c, "privateDnsEnabled")),
        PolicyDocument=policy_document(get(c, "policyDocument"), out, "endpoint policy"),
        RouteTableIds=strings(items(c, "routeTableIds")),
        SubnetIds=strings(items(c, "subnetIds")),
        SecurityGroupIds=groups,
    )
    out.refer("VpcId", "AWS::EC2::VPC", get(c, "vpcId"))


def vpc_peering(out: Output) -> None:
    c = out.config
    requester, accepter = get(c, "requesterVpcInfo"), get(c, "accepterVpcInfo")
    set_props(
        out,
        VpcId=get(requester, "vpcId"),
        PeerVpcId=get(accepter, "vpcId"),
        PeerOwnerId=get(accepter, "ownerId"),
        PeerRegion=get(accepter, "region"),
    )


MAPPERS = {
    "AWS::EC2::SecurityGroup": security_group,
    "AWS::EC2::NetworkAcl": network_acl,
    "AWS::EC2::Instance": instance,
    "AWS::EC2::Volume": volume,
    "AWS::EC2::VPC": vpc,
    "AWS::EC2::Subnet": subnet,
    "AWS::EC2::FlowLog": flow_log,
    "AWS::EC2::RouteTable": route_table,
    "AWS::EC2::InternetGateway": internet_gateway,
    "AWS::EC2::NatGateway": nat_gateway,
    "AWS::EC2::EIP": eip,
    "AWS::EC2::NetworkInterface": network_interface,
    "AWS::EC2::VPCEndpoint": vpc_endpoint,
    "AWS::EC2::VPCPeeringConnection": vpc_peering,
}
