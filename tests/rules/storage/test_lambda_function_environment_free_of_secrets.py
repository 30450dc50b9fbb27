"""Which environment variables count as holding a secret."""

from __future__ import annotations

import pytest

from csmm_static.model import Reference, Unknown, UnknownValue
from rules.storage.lambda_function_environment_free_of_secrets import _holds_secret


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DB_PASSWORD", "hunter22"),
        ("apiKey", "k-3f9a7c1e55"),
        ("GITHUB_TOKEN", "not-a-real-token"),
        ("ClientSecret", "abc123xyz"),
        ("ANYTHING", "AKIAIOSFODNN7EXAMPLE"),
        ("TLS_KEY", "-----BEGIN RSA PRIVATE KEY-----\nMIIE..."),
    ],
)
def test_secrets(name: str, value: str) -> None:
    assert _holds_secret(name, value)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DB_PASSWORD_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db"),
        ("DB_PASSWORD_PARAMETER", "/orders/db/password"),
        ("TOKEN_URL", "https://auth.example.com/token"),
        ("ENABLE_TOKEN_AUTH", "true"),
        ("SECRET", "{{resolve:secretsmanager:app:SecretString:key}}"),
        ("API_TOKEN", Reference("${Token.Arn}", "cfn:t#Token", "Arn")),
        ("PWD", "abc"),
        ("LOG_LEVEL", "debug"),
    ],
)
def test_not_secrets(name: str, value: object) -> None:
    assert not _holds_secret(name, value)


def test_unresolved_value_of_a_secret_name_is_unknown() -> None:
    with pytest.raises(Unknown):
        _holds_secret("DB_PASSWORD", UnknownValue("parameter DbPassword has no default"))
    assert not _holds_secret("LOG_LEVEL", UnknownValue("parameter Level has no default"))
