from csmm_static.model import Graph, Resource, Unknown, control


@control(
    pillar="monitoring",
    level=3,
    severity="low",
    subject="AWS::Account",
    formats=("tf", "tfplan", "evidence"),
    unrecorded={
        "cfn": (
            "CloudFormation has no resource type for an account's alternate contacts, so the "
            "SECURITY contact cannot be declared in a template"
        ),
        "config": (
            "AWS Config does not record account alternate contacts; only the Account Management "
            "API reports the SECURITY contact"
        ),
    },
    refs={
        "cis": ["1.2"],
        "fsbp": ["Account.1"],
        "nist_csf": ["RS.MA-01", "RS.CO-02"],
        "prowler": ["account_security_contact_information_is_registered"],
    },
)
def security_contact_registered(account: Resource, graph: Graph) -> bool:
    """The account names a security contact for AWS to reach.

    Why it matters:
        When AWS sees an account attacking others, leaked keys on a public repository or a
        compromised instance, it writes to the security contact; without one the warning
        goes to a billing mailbox or the root user's address and is read too late.

    Remediation:
        Register the `SECURITY` alternate contact, a monitored team address (Terraform:
        `aws_account_alternate_contact` with `alternate_contact_type = "SECURITY"`;
        CloudFormation has no resource for it: use `aws account put-alternate-contact`).
    """
    contacts = account.get("AlternateContacts")
    if contacts is None:
        raise Unknown(
            "no alternate contact evidence; add the output of"
            " `aws account get-alternate-contact --alternate-contact-type SECURITY`"
        )
    security = contacts.get("SECURITY") if isinstance(contacts, dict) else None
    return isinstance(security, dict) and bool(security.get("EmailAddress"))
