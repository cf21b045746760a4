"""``Fn::ForEach`` (AWS::LanguageExtensions) is expanded; a loop that cannot be is skipped
with its line while the rest of the template is judged."""

from __future__ import annotations

from pathlib import Path

from iac_helpers import run

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::LanguageExtensions
Parameters:
  Names:
    Type: CommaDelimitedList
    Default: "logs-a,logs-b"
  NoDefault:
    Type: CommaDelimitedList
Resources:
  Fn::ForEach::Buckets:
    - Name
    - !Ref Names
    - "Bucket&{Name}":
        Type: AWS::S3::Bucket
        Properties:
          BucketName: !Sub "${Name}-store"
          AccessControl: PublicRead
  Fn::ForEach::Volumes:
    - Size
    - ["10", "20"]
    - "Volume${Size}":
        Type: AWS::EC2::Volume
        Properties:
          Size: !Ref Size
          AvailabilityZone: ap-southeast-7a
          Encrypted: true
  Fn::ForEach::Broken:
    - X
    - !Ref NoDefault
    - "Thing${X}":
        Type: AWS::S3::Bucket
  Plain:
    Type: AWS::S3::Bucket
"""


def test_foreach_expands_and_locates(tmp_path: Path) -> None:
    path = tmp_path / "loops.yaml"
    path.write_text(TEMPLATE, encoding="utf-8")
    resources, errors, _ = run(path)
    assert sorted(resources) == ["Bucketlogsa", "Bucketlogsb", "Plain", "Volume10", "Volume20"]
    assert resources["Bucketlogsa"].attributes["BucketName"] == {
        "Fn::Sub": "logs-a-store"
    }
    assert resources["Bucketlogsb"].facets.public_access is True
    assert resources["Volume20"].facets.encrypted_at_rest is True
    # an expanded resource is located at its loop
    assert resources["Volume10"].location.start_line == 18
    assert resources["Bucketlogsa"].location.start_line == 10
    assert [(e.line, e.field) for e in errors] == [(27, "Fn::ForEach::Broken")]
    assert "parameter 'NoDefault', which has no default" in errors[0].message


FIND_IN_MAP = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::LanguageExtensions
Parameters:
  Environment:
    Type: String
    Default: Production
  Free:
    Type: String
Mappings:
  Buckets:
    Production:
      Identifiers: [A, B]
Resources:
  Fn::ForEach::Buckets:
    - Identifier
    - !FindInMap [Buckets, !Ref Environment, Identifiers]
    - "S3Bucket${Identifier}":
        Type: AWS::S3::Bucket
        Properties:
          AccessControl: PublicRead
  Fn::ForEach::Unknown:
    - Identifier
    - !FindInMap [Buckets, !Ref Free, Identifiers]
    - "Other${Identifier}":
        Type: AWS::S3::Bucket
  Fn::ForEach::Imported:
    - Identifier
    - !Split [",", !ImportValue shared-names]
    - "Imported${Identifier}":
        Type: AWS::S3::Bucket
"""


def test_a_collection_from_a_mapping_is_expanded(tmp_path: Path) -> None:
    """``Fn::FindInMap`` as the collection (a valid template of cfn-lint's good/ fixtures)
    was "the collection is not a list of strings; the loop is skipped": its public buckets
    were not judged. Keys written or given by a parameter's default are read; a parameter
    without default or another function says why the loop is skipped."""
    path = tmp_path / "loops.yaml"
    path.write_text(FIND_IN_MAP, encoding="utf-8")
    resources, errors, _ = run(path)
    assert sorted(resources) == ["S3BucketA", "S3BucketB"]
    assert resources["S3BucketB"].facets.public_access is True
    assert [(e.line, e.field, e.message) for e in errors] == [
        (
            21,
            "Fn::ForEach::Unknown",
            "a key of the collection's Fn::FindInMap is parameter 'Free', which has no "
            "default; the loop is skipped",
        ),
        (
            26,
            "Fn::ForEach::Imported",
            "the collection is Fn::Split, not known statically; the loop is skipped",
        ),
    ]
