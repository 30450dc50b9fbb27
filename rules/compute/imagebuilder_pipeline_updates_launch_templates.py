from csmm_static.compute import require
from csmm_static.model import Graph, Resource, as_bool, as_list, control, lookup


@control(
    pillar="compute",
    level=5,
    severity="medium",
    subject="AWS::ImageBuilder::ImagePipeline",
    refs={"nist_csf": ["PR.PS-02"]},
)
def imagebuilder_pipeline_updates_launch_templates(pipeline: Resource, graph: Graph) -> bool:
    """Image pipelines make each new image the default version of the fleet's launch templates.

    Why it matters:
        A patched golden image helps only once instances launch from it; publishing it into
        the launch templates' default version means the next scale-out, instance refresh or
        recovery picks it up with nobody editing templates by hand.

    Remediation:
        Point `DistributionConfigurationArn` of `AWS::ImageBuilder::ImagePipeline` at an
        `AWS::ImageBuilder::DistributionConfiguration` whose `Distributions` carry
        `LaunchTemplateConfigurations` with `SetDefaultVersion: true` (Terraform:
        `launch_template_configuration { default = true }` in
        `aws_imagebuilder_distribution_configuration`).
    """
    arn = pipeline.get("DistributionConfigurationArn")
    if not arn:
        return False
    distribution = require(
        graph, "AWS::ImageBuilder::DistributionConfiguration", arn, "distribution configuration"
    )
    for target in as_list(distribution.get("Distributions")):
        for template in as_list(lookup(target, "LaunchTemplateConfigurations")):
            # Image Builder makes the new version the default unless told not to.
            default = as_bool(lookup(template, "SetDefaultVersion"))
            if lookup(template, "LaunchTemplateId") and default is not False:
                return True
    return False
