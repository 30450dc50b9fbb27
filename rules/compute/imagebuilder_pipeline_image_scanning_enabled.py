from csmm_static.model import Graph, Resource, as_bool, control


@control(
    pillar="compute",
    level=4,
    severity="medium",
    subject="AWS::ImageBuilder::ImagePipeline",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": (
            "AWS Config's Image Builder pipeline item does not include the pipeline's "
            "ImageScanningConfiguration"
        ),
    },
    refs={"nist_csf": ["ID.RA-01", "PR.PS-02"]},
)
def imagebuilder_pipeline_image_scanning_enabled(pipeline: Resource, graph: Graph) -> bool:
    """EC2 Image Builder pipelines scan every image they build for vulnerabilities.

    Why it matters:
        Scanning in the pipeline catches vulnerable packages before an image is distributed,
        so the fleet starts clean instead of being scanned after it is already running.

    Remediation:
        Set `ImageScanningConfiguration.ImageScanningEnabled: true` on
        `AWS::ImageBuilder::ImagePipeline` (Terraform: `image_scanning_configuration {
        image_scanning_enabled = true }` on `aws_imagebuilder_image_pipeline`); Amazon
        Inspector must be enabled for EC2 or ECR.
    """
    return as_bool(pipeline.get("ImageScanningConfiguration.ImageScanningEnabled")) is True
