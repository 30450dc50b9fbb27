"""Where an export belongs: its account and region, from its content or else its folder.

Most exports do not name their account or region (`get-account-password-policy` prints only the
policy). ARNs inside the content win; otherwise a 12-digit folder name on the file's path gives
the account and a region-named folder gives the region (the layout of docs/evidence.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from csmm_static.diagnostics import Diagnostic, Level
from csmm_static.model import Resource, Source
from csmm_static.readers.base import InputFile, merge_facts
from csmm_static.readers.claims.account_exports import FORMAT

_ACCOUNT = re.compile(r"^[0-9]{12}$")
_REGION = re.compile(r"^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$")
_ARN = re.compile(r"^arn:[^:]+:[^:]*:([^:]*):([0-9]{12})?:")

# Private facts: joins that `finish` applies to resources and then removes.
TRAIL_STATUS = "_TrailStatus"
RECORDER_STATUS = "_RecorderStatus"
RULE_IDENTIFIERS = "_ConfigRuleIdentifiers"
POLICY_TARGETS = "_PolicyTargets"
EVENT_SELECTORS = "_EventSelectors"
CREDENTIAL_REPORT_FILE = "_CredentialReportFile"
FINDINGS = "_SecurityHubFindings"  # by id while reading (pages may repeat one); a list after


def arn_parts(arn: Any) -> tuple[str | None, str | None]:
    """(region, account) of an ARN; None for the parts it leaves empty."""
    match = _ARN.match(arn) if isinstance(arn, str) else None
    if not match:
        return None, None
    return match.group(1) or None, match.group(2) or None


@dataclass
class Context:
    file: InputFile
    resources: list[Resource] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    facts: dict[str | None, dict[str, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        parts = PurePosixPath(self.file.label).parts[:-1]
        self.path_account = next((p for p in reversed(parts) if _ACCOUNT.match(p)), None)
        self.path_region = next((p for p in reversed(parts) if _REGION.match(p)), None)

    @property
    def stem(self) -> str:
        return self.file.path.name.rsplit(".", 1)[0]

    def account(self, *arns: Any) -> str | None:
        for arn in arns:
            account = arn_parts(arn)[1]
            if account:
                return account
        return self.path_account

    def region(self, *arns: Any) -> str | None:
        for arn in arns:
            region = arn_parts(arn)[0]
            if region:
                return region
        return self.path_region

    def warn(self, message: str, level: Level = "warning") -> None:
        self.diagnostics.append(
            Diagnostic(self.file.label, 0, message, level=level, code="account-export")
        )

    def fact(self, account: str | None, key: str, value: Any) -> None:
        merge_facts(self.facts.setdefault(account, {}), {key: value})

    def add(
        self,
        rtype: str,
        ident: str,
        properties: dict[str, Any],
        *,
        account: str | None,
        region: str | None,
        address: str = "",
    ) -> Resource:
        # Exports are JSON of any shape: an ARN or region given as an object or a number must
        # not become a resource's address or region (the report says they are text).
        region = region if isinstance(region, str) else None
        address = address if isinstance(address, str) else ""
        node_id = f"export:{account or '-'}/{region or '-'}/{rtype}/{ident}"
        resource = Resource(
            node_id=node_id,
            type=rtype,
            address=address or ident,
            properties={k: v for k, v in properties.items() if v is not None},
            source=Source(self.file.label, 0, 0, FORMAT, f"{account or '-'}/{region or '-'}"),
            native_type=rtype,
            account=account,
            region=region,
        )
        self.resources.append(resource)
        return resource

    def add_by_arn(self, rtype: str, ident: str, properties: dict[str, Any], arn: Any) -> Resource:
        """A resource whose ARN says its account and region, and names it."""
        return self.add(
            rtype,
            ident,
            properties,
            account=self.account(arn),
            region=self.region(arn),
            address=arn if isinstance(arn, str) and arn else ident,
        )
