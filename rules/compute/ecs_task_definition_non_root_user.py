from csmm_static.model import Graph, Resource, as_list, control, lookup

_ROOT = frozenset({"root", "0"})


@control(
    pillar="compute",
    level=3,
    severity="medium",
    subject="AWS::ECS::TaskDefinition",
    refs={"nist_csf": ["PR.PS-01", "PR.AA-05"]},
)
def ecs_task_definition_non_root_user(task: Resource, graph: Graph) -> bool:
    """ECS Linux containers run as a named non-root user.

    Why it matters:
        Without `User`, a container runs as whatever the image says, which is root for most
        images; a root process that escapes the container is root on the host.

    Remediation:
        Set `User` to a non-root user or UID on every entry of `ContainerDefinitions`
        (Terraform: `"user": "1000"` in `container_definitions` of
        `aws_ecs_task_definition`). Windows containers are exempt: ECS does not support `User`
        for them.
    """
    family = task.get("RuntimePlatform.OperatingSystemFamily")
    if isinstance(family, str) and family.upper().startswith("WINDOWS"):
        return True
    for container in as_list(task.get("ContainerDefinitions")):
        user = lookup(container, "User")
        if not user or str(user).split(":", 1)[0].strip().lower() in _ROOT:
            return False
    return True
