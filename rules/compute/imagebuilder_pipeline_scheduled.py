from csmm_static.model import Graph, Resource, control


@control(
    pillar="compute",
    level=4,
    severity="low",
    subject="AWS::ImageBuilder::ImagePipeline",
    refs={"nist_csf": ["PR.PS-02"]},
)
def imagebuilder_pipeline_scheduled(pipeline: Resource, graph: Graph) -> bool:
    """EC2 Image Builder pipelines are enabled and rebuild images on a schedule.

    Why it matters:
        An image built once ages with every published vulnerability; a scheduled rebuild picks
        up patched packages and updated components without anyone remembering to run it.

    Remediation:
        Set `Schedule.ScheduleExpression` (for example `cron(0 0 ? * SUN *)`) and leave
        `Status` out or `ENABLED` on `AWS::ImageBuilder::ImagePipeline` (Terraform:
        `schedule { schedule_expression = ... }` and `status = "ENABLED"` on
        `aws_imagebuilder_image_pipeline`).
    """
    return pipeline.get("Status") != "DISABLED" and bool(
        pipeline.get("Schedule.ScheduleExpression")
    )
