"""KMS keys: rotation and the key policy are supplementary configuration."""

from __future__ import annotations

from csmm_static.readers.awsconfig.mapping.common import (
    Output,
    boolean,
    get,
    integer,
    policy_document,
    set_props,
)


def key(out: Output) -> None:
    c, s = out.config, out.supplementary
    set_props(
        out,
        Description=get(c, "description") or None,
        Enabled=boolean(get(c, "enabled")),
        EnableKeyRotation=boolean(get(s, "KeyRotationStatus", "keyRotationStatus")),
        KeyPolicy=policy_document(get(s, "Policy", "policy"), out, "key policy"),
        KeySpec=get(c, "keySpec", "customerMasterKeySpec"),
        KeyUsage=get(c, "keyUsage"),
        MultiRegion=boolean(get(c, "multiRegion")),
        Origin=get(c, "origin"),
        PendingWindowInDays=integer(get(c, "pendingDeletionWindowInDays")),
        KeyManager=get(c, "keyManager"),
        KeyState=get(c, "keyState"),
    )


MAPPERS = {"AWS::KMS::Key": key}
