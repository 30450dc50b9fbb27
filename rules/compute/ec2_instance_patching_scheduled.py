from typing import Any

from csmm_static.model import Graph, Reference, Resource, Unknown, as_list, control, lookup

# Documents that scan for and install patches (names, or the tail of a document ARN).
_PATCH_DOCUMENTS = frozenset(
    {"AWS-RunPatchBaseline", "AWS-RunPatchBaselineAssociation", "AWS-RunPatchBaselineWithHooks"}
)


@control(
    pillar="compute",
    level=3,
    severity="high",
    subject="AWS::EC2::Instance",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config records patch and association compliance, not the SSM associations or "
            "maintenance window tasks that schedule patching"
        ),
    },
    refs={
        "fsbp": ["SSM.2"],
        "nist_csf": ["PR.PS-02", "ID.RA-01"],
        "prowler": ["ssm_managed_compliant_patching"],
    },
)
def ec2_instance_patching_scheduled(instance: Resource, graph: Graph) -> bool:
    """EC2 instances are patched on a schedule by Systems Manager Patch Manager.

    Why it matters:
        Instances that are patched by hand fall behind; a scheduled `AWS-RunPatchBaseline`
        run makes patching the default and reports compliance for every instance it targets.

    Remediation:
        Target the instance (by id or tag) with an `AWS::SSM::Association` of
        `AWS-RunPatchBaseline` that has a `ScheduleExpression`, or with an
        `AWS::SSM::MaintenanceWindowTask` running it in a maintenance window (Terraform:
        `aws_ssm_association` with `schedule_expression`, or `aws_ssm_maintenance_window_task`).
    """
    undecided: list[str] = []
    for association in graph.resources("AWS::SSM::Association"):
        if not _patches(association.get("Name")) or not association.get("ScheduleExpression"):
            continue
        direct = association.get("InstanceId")
        if direct is not None and _names(direct, instance):
            return True
        if _targeted(association.get("Targets"), instance, graph, undecided):
            return True
    for task in graph.resources("AWS::SSM::MaintenanceWindowTask"):
        if task.get("TaskType") != "RUN_COMMAND" or not _patches(task.get("TaskArn")):
            continue
        if _targeted(task.get("Targets"), instance, graph, undecided):
            return True
    if undecided:
        raise Unknown(
            f"patch targets {', '.join(sorted(set(undecided)))} cannot be resolved offline"
        )
    return False


def _patches(document: Any) -> bool:
    return isinstance(document, str) and document.rsplit("/", 1)[-1] in _PATCH_DOCUMENTS


def _names(value: Any, instance: Resource) -> bool:
    if isinstance(value, Reference):
        return value.target == instance.node_id
    return value in ("*", instance.address, instance.properties.get("InstanceId"))


def _targeted(targets: Any, instance: Resource, graph: Graph, undecided: list[str]) -> bool:
    """One of the targets selects the instance: by id, by tag, by tag key, or through the
    maintenance window targets it names."""
    tags = instance.tags
    for target in as_list(targets):
        key = str(lookup(target, "Key"))
        values = as_list(lookup(target, "Values"))
        if key == "InstanceIds":
            if any(_names(v, instance) for v in values):
                return True
        elif key.startswith("tag:"):
            if key[4:] in tags and tags[key[4:]] in values:
                return True
        elif key == "tag-key":
            if any(v in tags for v in values):
                return True
        elif key == "WindowTargetIds":
            for value in values:
                window_target = graph.get(value.target) if isinstance(value, Reference) else None
                if window_target is None:
                    undecided.append(key)
                elif _targeted(window_target.get("Targets"), instance, graph, undecided):
                    return True
        else:
            undecided.append(key)
    return False
