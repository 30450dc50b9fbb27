from csmm_static.model import Graph, Resource, as_bool, control

# What performs the rotation: a Lambda function, a hosted one, or a managed external partner.
ROTATORS = (
    "RotationLambdaARN",
    "HostedRotationLambda",
    "ExternalSecretRotationRoleArn",
    "ExternalSecretRotationMetadata",
)


@control(
    pillar="storage",
    level=5,
    severity="high",
    subject="AWS::SecretsManager::Secret",
    refs={
        "fsbp": ["SecretsManager.1"],
        "nist_csf": ["PR.AA-01", "PR.DS-01"],
        "prowler": ["secretsmanager_automatic_rotation_enabled"],
    },
)
def secretsmanager_secret_rotation_enabled(secret: Resource, graph: Graph) -> bool:
    """Secrets Manager secrets rotate automatically on a schedule.

    Why it matters:
        A credential that never changes stays valid in every log, laptop and former
        employee's notes where it ever landed; scheduled rotation bounds how long a leak is
        useful without anyone having to notice it.

    Remediation:
        Add an `AWS::SecretsManager::RotationSchedule` for the secret with
        `HostedRotationLambda` or `RotationLambdaARN` and `RotationRules`
        (`AutomaticallyAfterDays` or `ScheduleExpression`); Terraform
        `aws_secretsmanager_secret_rotation` with `rotation_rules`.
    """
    if as_bool(secret.get("RotationEnabled")) is True:  # as AWS Config records it
        return True
    return any(
        any(schedule.get(key) is not None for key in ROTATORS)
        and (
            schedule.get("RotationRules.AutomaticallyAfterDays") is not None
            or schedule.get("RotationRules.ScheduleExpression") is not None
        )
        for schedule in graph.related(
            secret, "AWS::SecretsManager::RotationSchedule", direction="in"
        )
    )
