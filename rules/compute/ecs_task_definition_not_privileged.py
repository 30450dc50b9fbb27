from csmm_static.model import Graph, Resource, as_bool, as_list, control, lookup


@control(
    pillar="compute",
    level=3,
    severity="high",
    subject="AWS::ECS::TaskDefinition",
    refs={
        "fsbp": ["ECS.4"],
        "nist_csf": ["PR.PS-01", "PR.AA-05"],
        "prowler": ["ecs_task_definitions_no_privileged_containers"],
    },
)
def ecs_task_definition_not_privileged(task: Resource, graph: Graph) -> bool:
    """ECS task definitions run no privileged containers.

    Why it matters:
        A privileged container holds every kernel capability and the host's devices: one
        compromised process in it owns the host and every other task on it.

    Remediation:
        Remove `Privileged: true` from `ContainerDefinitions` of `AWS::ECS::TaskDefinition`
        and grant single capabilities through `LinuxParameters.Capabilities.Add` where needed
        (Terraform: `"privileged": false` in `container_definitions`).
    """
    containers = as_list(task.get("ContainerDefinitions"))
    return not any(as_bool(lookup(c, "Privileged")) is True for c in containers)
