from csmm_static.model import Graph, Resource, control


@control(
    pillar="compute",
    level=3,
    severity="high",
    subject="AWS::Lambda::Url",
    formats=("cfn", "tf", "tfplan"),
    unrecorded={
        "config": "AWS Config records no Lambda function URLs, so a URL's AuthType is not in it",
    },
    refs={
        "nist_csf": ["PR.AA-03", "PR.IR-01"],
        "prowler": ["awslambda_function_url_public"],
    },
)
def lambda_function_url_auth_required(url: Resource, graph: Graph) -> bool:
    """Lambda function URLs require IAM authentication.

    Why it matters:
        A function URL with `AuthType: NONE` is an unauthenticated HTTPS endpoint on the
        internet: anyone who finds it runs the function, with its role's permissions and at
        your cost.

    Remediation:
        Set `AuthType: AWS_IAM` on `AWS::Lambda::Url` and sign requests with SigV4, or put the
        function behind API Gateway or CloudFront with authentication (Terraform:
        `authorization_type = "AWS_IAM"` on `aws_lambda_function_url`).
    """
    return url.get("AuthType") == "AWS_IAM"
