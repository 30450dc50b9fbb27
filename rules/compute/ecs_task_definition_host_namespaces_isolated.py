from csmm_static.model import Graph, Resource, control


@control(
    pillar="compute",
    level=3,
    severity="high",
    subject="AWS::ECS::TaskDefinition",
    refs={
        "fsbp": ["ECS.3"],
        "nist_csf": ["PR.PS-01", "PR.IR-01"],
        "prowler": ["ecs_task_definitions_host_namespace_not_shared"],
    },
)
def ecs_task_definition_host_namespaces_isolated(task: Resource, graph: Graph) -> bool:
    """ECS task definitions share neither the host's process nor its IPC namespace.

    Why it matters:
        With `PidMode: host` a container sees and can signal every process on the host; with
        `IpcMode: host` it reads the host's shared memory. Either removes the isolation a
        container is supposed to give.

    Remediation:
        Leave `PidMode` and `IpcMode` out or set them to `task` on
        `AWS::ECS::TaskDefinition` (Terraform: `pid_mode`, `ipc_mode` on
        `aws_ecs_task_definition`).
    """
    return task.get("PidMode") != "host" and task.get("IpcMode") != "host"
