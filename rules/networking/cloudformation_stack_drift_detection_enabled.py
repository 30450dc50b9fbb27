from csmm_static.model import Graph, Resource, control
from csmm_static.network import config_rule_active


@control(
    pillar="networking",
    level=4,
    severity="medium",
    subject="AWS::Account",
    formats=("cfn", "tf", "tfplan", "config", "evidence"),
    refs={"nist_csf": ["DE.CM-01", "PR.PS-01"]},
)
def cloudformation_stack_drift_detection_enabled(account: Resource, graph: Graph) -> bool:
    """AWS Config checks CloudFormation stacks for drift from their templates.

    Why it matters:
        A security group opened by hand during an incident, a route added from the console:
        changes made outside the template are invisible to every review of the code. The
        managed rule `cloudformation-stack-drift-detection-check` runs drift detection and
        flags stacks whose resources no longer match.

    Remediation:
        Deploy the managed rule: `AWS::Config::ConfigRule` with `Source.Owner: AWS` and
        `Source.SourceIdentifier: CLOUDFORMATION_STACK_DRIFT_DETECTION_CHECK` and the
        `cloudformationRoleArn` input parameter (Terraform: `aws_config_config_rule` with
        `source { owner = "AWS", source_identifier = "CLOUDFORMATION_STACK_DRIFT_DETECTION_CHECK"
        }`). For Terraform estates, run `terraform plan -detailed-exitcode` on a schedule too.
    """
    return config_rule_active(
        graph,
        account,
        "CLOUDFORMATION_STACK_DRIFT_DETECTION_CHECK",
        "cloudformation-stack-drift-detection-check",
    )
