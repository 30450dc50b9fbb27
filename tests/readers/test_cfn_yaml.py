"""The CloudFormation decoder: marks, short-form tags, and what it refuses."""

from __future__ import annotations

from csmm_static.readers.cfn_yaml import MAX_NODES, decode


def test_marks_are_zero_based_on_keys_and_values() -> None:
    doc, errors = decode("Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n")
    assert not errors
    key = next(iter(doc["Resources"]))
    assert key == "Bucket" and key.start_mark.line == 1
    assert doc["Resources"]["Bucket"]["Type"].start_mark.line == 2


def test_short_form_tags_become_long_form() -> None:
    text = (
        "A: !Ref X\nB: !GetAtt R.Arn.Sub\nC: !Sub 'x-${Y}'\nD: !If [C1, 1, 2]\n"
        "E: !Condition C2\nF: !Join ['-', [a, !Ref Z]]\nG: !GetAtt [R, Arn]\n"
    )
    doc, errors = decode(text)
    assert not errors
    assert doc["A"] == {"Ref": "X"}
    assert doc["B"] == {"Fn::GetAtt": ["R", "Arn.Sub"]}
    assert doc["C"] == {"Fn::Sub": "x-${Y}"}
    assert doc["D"] == {"Fn::If": ["C1", 1, 2]}
    assert doc["E"] == {"Condition": "C2"}
    assert doc["F"] == {"Fn::Join": ["-", ["a", {"Ref": "Z"}]]}
    assert doc["G"] == {"Fn::GetAtt": ["R", "Arn"]}


def test_json_templates_decode_with_marks() -> None:
    doc, errors = decode('{\n  "Resources": {\n    "B": {"Type": "AWS::S3::Bucket"}\n  }\n}\n')
    assert not errors
    assert next(iter(doc["Resources"])).start_mark.line == 2


def test_json_with_tab_indentation_falls_back_to_the_json_decoder() -> None:
    doc, errors = decode('{\n\t"Resources": {\n\t\t"B": {"Type": "AWS::S3::Bucket"}\n\t}\n}\n')
    assert not errors
    assert doc["Resources"]["B"]["Type"] == "AWS::S3::Bucket"


def test_duplicate_keys_are_an_error_with_a_line() -> None:
    doc, errors = decode("Resources:\n  A:\n    Type: X\n  A:\n    Type: Y\n")
    assert doc is None
    assert errors[0].line == 4 and "duplicate key 'A'" in errors[0].message


def test_syntax_error_has_a_line() -> None:
    doc, errors = decode("Resources:\n  A: [unclosed\n  B: 1\n")
    assert doc is None and errors[0].line >= 2


def test_alias_amplification_is_refused() -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 7):
        lines.append(f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 10)}]")
    doc, errors = decode("\n".join(lines) + "\n")
    assert doc is None and str(MAX_NODES) in errors[0].message


def test_unsafe_tags_are_not_constructed() -> None:
    doc, _ = decode("a: !!python/object/apply:os.system ['echo hacked']\n")
    assert doc is None


def test_dates_stay_dates_for_the_reader_to_normalise() -> None:
    doc, errors = decode("Version: 2012-10-17\n")
    assert not errors
    assert str(doc["Version"]) == "2012-10-17"
