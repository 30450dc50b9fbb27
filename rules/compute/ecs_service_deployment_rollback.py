from csmm_static.model import Graph, Resource, Unknown, as_bool, as_list, control


@control(
    pillar="compute",
    level=5,
    severity="medium",
    subject="AWS::ECS::Service",
    refs={"nist_csf": ["PR.IR-03", "RC.RP-02"]},
)
def ecs_service_deployment_rollback(service: Resource, graph: Graph) -> bool:
    """ECS services roll a failing deployment back on their own.

    Why it matters:
        A bad image or configuration otherwise keeps replacing healthy tasks with crashing
        ones until someone intervenes; the deployment circuit breaker (or CloudWatch alarms)
        with rollback returns the service to the last working revision.

    Remediation:
        Set `DeploymentConfiguration.DeploymentCircuitBreaker` to `Enable: true` and
        `Rollback: true`, or `DeploymentConfiguration.Alarms` with `Enable` and `Rollback`, on
        `AWS::ECS::Service` (Terraform: `deployment_circuit_breaker { enable = true rollback =
        true }` or `alarms { ... rollback = true }` on `aws_ecs_service`).
    """
    controller = service.get("DeploymentController.Type")
    if controller in ("CODE_DEPLOY", "EXTERNAL"):
        raise Unknown(f"deployments are driven by {controller}, whose rollback is set elsewhere")
    config = "DeploymentConfiguration"
    breaker = f"{config}.DeploymentCircuitBreaker"
    if as_bool(service.get(f"{breaker}.Enable")) and as_bool(service.get(f"{breaker}.Rollback")):
        return True
    alarms = f"{config}.Alarms"
    return bool(
        as_bool(service.get(f"{alarms}.Enable"))
        and as_bool(service.get(f"{alarms}.Rollback"))
        and as_list(service.get(f"{alarms}.AlarmNames"))
    )
