from csmm_static.compute import regional_values
from csmm_static.model import Graph, Resource, control


@control(
    pillar="compute",
    level=1,
    severity="high",
    subject="AWS::Account",
    formats=("tf", "tfplan", "evidence"),
    unrecorded={
        "cfn": (
            "CloudFormation has no resource for AMI block public access, a regional EC2 account "
            "setting"
        ),
        "config": (
            "AWS Config records no configuration item for the regional AMI block public access "
            "state"
        ),
    },
    refs={
        "nist_csf": ["PR.DS-01", "PR.AA-05"],
        "prowler": ["ec2_ami_account_block_public_access"],
    },
)
def ec2_image_block_public_access_enabled(account: Resource, graph: Graph) -> bool:
    """AMI block public access stops new public sharing of images in every region covered.

    Why it matters:
        An AMI shared with everyone publishes its disks: baked-in credentials, keys and data.
        Block public access makes the account refuse to make any image public, whoever asks.

    Remediation:
        Set image block public access to `block-new-sharing` in each region (Terraform:
        `aws_ec2_image_block_public_access { state = "block-new-sharing" }`; CLI:
        `aws ec2 enable-image-block-public-access`); CloudFormation has no resource for it.
    """
    export = "`aws ec2 get-image-block-public-access-state` for each region"
    states = regional_values(account, "ImageBlockPublicAccessState", export)
    return all(state == "block-new-sharing" for state in states.values())
