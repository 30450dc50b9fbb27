from csmm_static.model import Graph, Resource, control


@control(
    pillar="storage",
    level=1,
    severity="high",
    subject="AWS::Account",
    # An account export carries the setting instead (evidence).
    formats=("cfn", "tf", "tfplan", "evidence"),
    unrecorded={
        "config": (
            "AWS Config has recorded this setting only since 2025"
            " (AWS::EC2::SnapshotBlockPublicAccess), a type the AWS Config reader does not map yet"
        ),
    },
    refs={
        "fsbp": ["EC2.1"],
        "nist_csf": ["PR.DS-01"],
        "prowler": ["ec2_ebs_snapshot_account_block_public_access"],
    },
)
def ebs_snapshot_public_access_blocked(account: Resource, graph: Graph) -> bool:
    """The account blocks all public sharing of EBS snapshots.

    Why it matters:
        A snapshot shared with everyone lets any AWS account create a volume from it and read
        the disk; `block-all-sharing` also stops snapshots that are already public.

    Remediation:
        Create an `AWS::EC2::SnapshotBlockPublicAccess` with `State: block-all-sharing`
        (Terraform `aws_ebs_snapshot_block_public_access` with
        `state = "block-all-sharing"`) in every region used.
    """
    states = [r.get("State") for r in graph.resources("AWS::EC2::SnapshotBlockPublicAccess")]
    regional = account.get("RegionalSettings") or {}
    if isinstance(regional, dict):
        states += [
            settings.get("SnapshotBlockPublicAccessState")
            for _, settings in sorted(regional.items())
            if isinstance(settings, dict) and "SnapshotBlockPublicAccessState" in settings
        ]
    # `block-new-sharing` leaves existing public snapshots public; no setting means unblocked.
    return bool(states) and all(state == "block-all-sharing" for state in states)
