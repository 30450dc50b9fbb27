from csmm_static.model import Graph, Resource, as_bool, as_list, control, lookup


@control(
    pillar="compute",
    level=3,
    severity="medium",
    subject="AWS::ECS::TaskDefinition",
    refs={
        "fsbp": ["ECS.5"],
        "nist_csf": ["PR.PS-01"],
        "prowler": ["ecs_task_definitions_containers_readonly_access"],
    },
)
def ecs_task_definition_read_only_root(task: Resource, graph: Graph) -> bool:
    """ECS containers mount their root filesystem read-only.

    Why it matters:
        A writable root filesystem lets an intruder drop tools, change binaries and persist
        inside the container; read-only roots confine writes to declared volumes.

    Remediation:
        Set `ReadonlyRootFilesystem: true` on every entry of `ContainerDefinitions` and mount
        volumes for paths that must be written (Terraform: `"readonlyRootFilesystem": true` in
        `container_definitions` of `aws_ecs_task_definition`).
    """
    containers = as_list(task.get("ContainerDefinitions"))
    return all(as_bool(lookup(c, "ReadonlyRootFilesystem")) is True for c in containers)
