from typing import Any

from csmm_static.model import Graph, Resource, control
from csmm_static.policy import decode


def _blocking(status: Any, failure_mode: Any) -> bool:
    return status == "ENABLED" and failure_mode == "FAIL"


@control(
    pillar="iam",
    level=4,
    severity="medium",
    subject="AWS::Account",
    refs={"nist_csf": ["PR.PS-06", "ID.RA-01"]},
    formats=("cfn",),
    unrecorded={
        "tf": (
            "Terraform's AWS provider has no resource that activates a CloudFormation hook or sets "
            "its status and failure mode"
        ),
        "tfplan": (
            "A Terraform plan of the AWS provider holds no CloudFormation hook: the provider has "
            "no resource that activates one"
        ),
        "config": (
            "AWS Config does not record CloudFormation hooks or their configuration (status, "
            "failure mode)"
        ),
    },
)
def cloudformation_hook_gate_enforced(account: Resource, graph: Graph) -> bool:
    """A CloudFormation hook validates deployments and blocks the non-compliant ones.

    Why it matters:
        A policy-as-code gate that only warns is read once and then ignored; a hook in `FAIL`
        mode stops a non-compliant stack, change set or resource before it exists, whoever
        deploys it and from wherever.

    Remediation:
        Activate an `AWS::CloudFormation::GuardHook` (Guard rules in S3) or
        `AWS::CloudFormation::LambdaHook` with `HookStatus: ENABLED` and `FailureMode: FAIL`,
        or configure a registered hook through `AWS::CloudFormation::HookTypeConfig`. A CI
        gate outside the account (cfn-guard, checkov, cfn-lint in the pipeline) is not visible
        here; waive this control and record that gate instead.
    """
    for hook in graph.resources("AWS::CloudFormation::GuardHook"):
        if _blocking(hook.get("HookStatus", "DISABLED"), hook.get("FailureMode", "WARN")):
            return True
    for hook in graph.resources("AWS::CloudFormation::LambdaHook"):
        if _blocking(hook.get("HookStatus", "ENABLED"), hook.get("FailureMode")):
            return True
    for config in graph.resources("AWS::CloudFormation::HookTypeConfig"):
        settings = (decode(config.get("Configuration")) or {}).get("CloudFormationConfiguration")
        hook_settings = settings.get("HookConfiguration") if isinstance(settings, dict) else None
        if isinstance(hook_settings, dict) and _blocking(
            hook_settings.get("HookInvocationStatus"), hook_settings.get("FailureMode")
        ):
            return True
    return False
