"""Offline account exports (read-only AWS CLI output) and their joins with AWS Config items."""

from __future__ import annotations

import re

from csmm_static.readers.awsconfig import FORMAT as CONFIG_FORMAT
from csmm_static.readers.awsconfig.stream import needs_decoding, read_head
from csmm_static.readers.base import InputFile, ReadResult

FORMAT = "account-export"
FIXTURE_FORMATS: tuple[str, ...] = ("evidence",)  # a folder of real-shaped exports (model.FORMATS)
# Inputs that describe deployed resources, which the joins merge and complete.
DEPLOYED_FORMATS = frozenset({CONFIG_FORMAT, FORMAT})
CREDENTIAL_REPORT_HEADER = "user,arn,user_creation_time"

_MARKERS = re.compile(
    r'"(?:SummaryMap|PasswordPolicy|UserDetailList|RoleDetailList|GroupDetailList'
    r"|VirtualMFADevices|Organization|PolicySummary|Targets|ConfigRules|ComplianceByConfigRules"
    r"|ConfigurationRecorders|ConfigurationRecordersStatus|RemediationConfigurations|trailList"
    r"|IsLogging|HubArn|StandardsSubscriptions|EbsEncryptionByDefault|ImageBlockPublicAccessState"
    r"|AccountLevel|PublicAccessBlockConfiguration|analyzers|AlternateContact|DetectorIds"
    r"|FindingPublishingFrequency|findingPublishingFrequency|ReportFormat|EventSelectors"
    r'|AdvancedEventSelectors|PermissionSet|AccountAssignments)"\s*:'
    r'|"Policies"\s*:\s*\[\s*\{\s*"Id"'
    r'|"Findings"\s*:\s*\[\s*(?:\]|\{\s*"(?:SchemaVersion|ProductArn|Id)")'
    r'|^\s*\{\s*"KmsKeyId"\s*:\s*"[^"]*"\s*\}\s*$'
    r'|"State"\s*:\s*"(?:block-all-sharing|block-new-sharing|unblocked)"'
)


def claims(file: InputFile, head: str) -> bool:
    name = file.path.name.lower()
    if name.endswith((".csv", ".json")) and needs_decoding(file.path, head):
        head = read_head(file.path, len(head) or 4096)
    if name.endswith(".csv"):
        return head.lstrip("\ufeff").startswith(CREDENTIAL_REPORT_HEADER)
    return name.endswith(".json") and bool(_MARKERS.search(head))


def finish(result: ReadResult) -> None:
    """The joins (account_exports.joins), which run on every scan. They only touch account facts
    and resources read from exports or AWS Config: without either there is nothing to join, and
    the readers' code is not imported."""
    if not result.account_facts and not any(
        r.source is not None and r.source.format in DEPLOYED_FORMATS for r in result.resources
    ):
        return
    from csmm_static.readers.account_exports.joins import finish as join

    join(result)
