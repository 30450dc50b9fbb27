"""GuardDuty detectors: recorded in CloudFormation's names (`Enable`, `DataSources`), but
without the protection plans (`Features`), which only `get-detector` reports."""

from __future__ import annotations

from csmm_static.model import UnknownValue
from csmm_static.readers.awsconfig.mapping.common import Output

_FEATURES = (
    "AWS Config does not record GuardDuty protection plans; add the get-detector export"
    " (docs/evidence.md)"
)


def detector(out: Output) -> None:
    out.properties = dict(out.config)
    if "Features" not in out.properties:
        out.properties["Features"] = UnknownValue(_FEATURES)


MAPPERS = {"AWS::GuardDuty::Detector": detector}
