"""AWS Backup: Config records plans, selections and vaults in CloudFormation's shape; a
selection names its plan only by id, so that id becomes the edge `BackupPlanId` makes in a
template."""

from __future__ import annotations

from csmm_static.readers.awsconfig.mapping.common import Output, clean, get


def selection(out: Output) -> None:
    out.properties = clean(dict(out.config))
    out.refer("BackupPlanId", "AWS::Backup::BackupPlan", get(out.config, "BackupPlanId"))


MAPPERS = {"AWS::Backup::BackupSelection": selection}
