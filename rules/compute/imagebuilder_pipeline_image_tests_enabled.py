from csmm_static.model import Graph, Resource, as_bool, control


@control(
    pillar="compute",
    level=4,
    severity="medium",
    subject="AWS::ImageBuilder::ImagePipeline",
    refs={"nist_csf": ["PR.PS-01", "PR.PS-06"]},
)
def imagebuilder_pipeline_image_tests_enabled(pipeline: Resource, graph: Graph) -> bool:
    """EC2 Image Builder pipelines test every image before distributing it.

    Why it matters:
        A golden image is only golden if it is verified: the test phase launches the image and
        runs the recipe's test components (hardening checks, agents running) before anyone can
        launch from it.

    Remediation:
        Leave `ImageTestsConfiguration.ImageTestsEnabled` out or set it to `true` on
        `AWS::ImageBuilder::ImagePipeline` and add test components to the recipe (Terraform:
        `image_tests_configuration { image_tests_enabled = true }` on
        `aws_imagebuilder_image_pipeline`).
    """
    return as_bool(pipeline.get("ImageTestsConfiguration.ImageTestsEnabled")) is not False
