import re

from csmm_static.model import Graph, Resource, as_list, control

# The variables FSBP ECS.8 names: AWS keys and the ECS agent's registry credentials.
CREDENTIAL_NAMES = frozenset({"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "ECS_ENGINE_AUTH_DATA"})
ACCESS_KEY_ID = re.compile(r"\b(AKIA|ASIA)[0-9A-Z]{16}\b")


@control(
    pillar="storage",
    level=3,
    severity="high",
    subject="AWS::ECS::TaskDefinition",
    refs={
        "fsbp": ["ECS.8"],
        "nist_csf": ["PR.DS-01", "PR.AA-01"],
        "prowler": ["ecs_task_definitions_no_environment_secrets"],
    },
)
def ecs_task_definition_environment_free_of_credentials(task: Resource, graph: Graph) -> bool:
    """ECS task definitions pass no AWS or registry credentials as plain environment variables.

    Why it matters:
        Plain `Environment` values are stored in the task definition, which every reader of
        ECS can describe; long-lived AWS keys there outlive the task and bypass the task role.

    Remediation:
        Give the task a `TaskRoleArn` instead of AWS keys, and move other secrets to
        `ContainerDefinitions[].Secrets` (`ValueFrom` a Secrets Manager or SSM ARN) in the
        `AWS::ECS::TaskDefinition` (Terraform `secrets` in `container_definitions`).
    """
    for container in as_list(task.get("ContainerDefinitions")):
        for variable in (
            as_list(container.get("Environment")) if isinstance(container, dict) else []
        ):
            if not isinstance(variable, dict):
                continue
            if str(variable.get("Name", "")).upper() in CREDENTIAL_NAMES:
                return False
            if ACCESS_KEY_ID.search(str(variable.get("Value", ""))):
                return False
    return True
