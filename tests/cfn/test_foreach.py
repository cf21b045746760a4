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
