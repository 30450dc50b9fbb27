from csmm_static.compute import regional_values
from csmm_static.model import Graph, Resource, control, lookup


@control(
    pillar="compute",
    level=2,
    severity="medium",
    subject="AWS::Account",
    formats=("tf", "tfplan", "evidence"),
    unrecorded={
        "cfn": (
            "CloudFormation has no resource for an account's regional instance metadata defaults"
        ),
        "config": (
            "AWS Config records no configuration item for an account's regional instance metadata "
            "defaults"
        ),
    },
    refs={
        "nist_csf": ["PR.PS-01", "PR.AA-05"],
        "prowler": ["ec2_instance_account_imdsv2_enabled"],
    },
)
def ec2_instance_metadata_defaults_imdsv2(account: Resource, graph: Graph) -> bool:
    """The account's instance metadata defaults require IMDSv2 in every region covered.

    Why it matters:
        Templates are not the only way instances start: consoles, scripts and third-party tools
        launch them too. The regional default makes IMDSv2 the rule for every launch that does
        not say otherwise.

    Remediation:
        Set the regional instance metadata defaults to require tokens (Terraform:
        `aws_ec2_instance_metadata_defaults { http_tokens = "required" }`; CLI:
        `aws ec2 modify-instance-metadata-defaults --http-tokens required`); CloudFormation has
        no resource for it.
    """
    export = "`aws ec2 get-instance-metadata-defaults` for each region"
    # A region whose defaults are recorded without HttpTokens has no preference: not required.
    defaults = regional_values(account, "InstanceMetadataDefaults", export)
    return all(lookup(value, "HttpTokens") == "required" for value in defaults.values())
