from csmm_static.model import Graph, Resource, as_list, control

# Resource types that live inside a VPC (OpenSearch and Elasticsearch only with VPCOptions).
_IN_VPC = frozenset(
    {
        "AWS::RDS::DBInstance",
        "AWS::RDS::DBCluster",
        "AWS::RDS::DBProxy",
        "AWS::ElastiCache::CacheCluster",
        "AWS::ElastiCache::ReplicationGroup",
        "AWS::ElastiCache::ServerlessCache",
        "AWS::MemoryDB::Cluster",
        "AWS::Redshift::Cluster",
        "AWS::DocDB::DBCluster",
        "AWS::Neptune::DBCluster",
        "AWS::EFS::FileSystem",
        "AWS::EFS::AccessPoint",
        "AWS::EC2::Instance",
        "AWS::MSK::Cluster",
    }
)
_DOMAINS = frozenset({"AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"})


@control(
    pillar="compute",
    level=3,
    severity="medium",
    subject="AWS::Lambda::Function",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config records a function's VPC settings but not which data stores its code or "
            "environment refers to"
        ),
    },
    refs={
        "fsbp": ["Lambda.3"],
        "nist_csf": ["PR.IR-01"],
        "prowler": ["awslambda_function_inside_vpc"],
    },
)
def lambda_function_in_vpc_for_private_data(function: Resource, graph: Graph) -> bool:
    """Lambda functions that use VPC-hosted data stores run inside the VPC.

    Why it matters:
        A function outside the VPC can reach a database, cache or file system only if that
        store is open to the internet; running the function in private subnets keeps the data
        path inside the network and under its security groups.

    Remediation:
        Set `VpcConfig.SubnetIds` and `VpcConfig.SecurityGroupIds` on `AWS::Lambda::Function`
        (Terraform: `vpc_config { subnet_ids, security_group_ids }` on `aws_lambda_function`)
        for every function that references an RDS, ElastiCache, EFS, Redshift or similar
        store.
    """
    if as_list(function.get("VpcConfig.SubnetIds")):
        return True
    for target in graph.related(function, direction="out"):
        if target.type in _IN_VPC:
            return False
        if target.type in _DOMAINS and target.get("VPCOptions.SubnetIds"):
            return False
    return True
