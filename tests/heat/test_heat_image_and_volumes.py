"""A Nova server given an ``image`` and block device mappings (the known leftover: UNKNOWN
GDCC-CMP-003). Heat's validation decides which disk boots: a ``block_device_mapping_v2``
volume, snapshot or image whose ``boot_index`` is not written (Heat gives it 0) or 0 boots,
and beside the image that is refused ("Multiple bootable sources"); so with the image, every
such entry says another index and the root disk is the image's, on the compute host's
ephemeral storage (unencrypted by Nova's default, as for a server with an image only). A
legacy ``block_device_mapping`` boots the image unless an entry is on ``vda``.
openstack/rally-openstack and openstack/heat-translator write servers with an image and
volumes. What is not known stays UNKNOWN; a server with no image boots from its volume."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit import Settings, audit
from gdcc_audit.models.finding import Status
from gdcc_audit.normalize.heat.types import root_from_image

_TEMPLATE = """\
heat_template_version: 2018-08-31
parameters:
  index: {type: number, default: 1}
  device: {type: string}
resources:
  luks:
    type: OS::Cinder::EncryptedVolumeType
    properties: {volume_type: {get_resource: secure}, provider: luks}
  secure:
    type: OS::Cinder::VolumeType
    properties: {name: secure}
  data:
    type: OS::Cinder::Volume
    properties: {size: 10, volume_type: {get_resource: secure}}
  image_and_data:
    type: OS::Nova::Server
    properties:
      image: ubuntu
      flavor: m1.small
      block_device_mapping_v2:
        - {volume_id: {get_resource: data}, boot_index: -1}
        - {ephemeral_size: 5}
  image_and_indexed:
    type: OS::Nova::Server
    properties:
      image: ubuntu
      flavor: m1.small
      block_device_mapping_v2: [{volume_id: {get_resource: data}, boot_index: {get_param: index}}]
  legacy_data_disk:
    type: OS::Nova::Server
    properties:
      image: ubuntu
      flavor: m1.small
      block_device_mapping: [{device_name: vdb, volume_id: {get_resource: data}}]
  legacy_root_disk:
    type: OS::Nova::Server
    properties:
      image: ubuntu
      flavor: m1.small
      block_device_mapping: [{device_name: vda, volume_id: {get_resource: data}}]
  legacy_named_by_param:
    type: OS::Nova::Server
    properties:
      image: ubuntu
      flavor: m1.small
      block_device_mapping: [{device_name: {get_param: device}, volume_id: {get_resource: data}}]
  from_volume:
    type: OS::Nova::Server
    properties:
      image: null
      flavor: m1.small
      block_device_mapping_v2: [{volume_id: {get_resource: data}}]
"""

DEFAULT = (
    "encryption at rest is off (provider default: 'ephemeral storage encryption' not set; the "
    "root disk is still encrypted if the cloud encrypts ephemeral storage (Nova "
    "[ephemeral_storage_encryption], or a flavor with hw:ephemeral_encryption); neither is in "
    "the input)"
)
NOT_KNOWN = "whether encryption at rest is on is not known from the input"


def test_the_image_boots_when_no_mapping_may(tmp_path: Path) -> None:
    (tmp_path / "servers.yaml").write_text(_TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-003",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found == {
        "image_and_data": (Status.FAIL, DEFAULT),
        "image_and_indexed": (Status.FAIL, DEFAULT),
        "legacy_data_disk": (Status.FAIL, DEFAULT),
        "legacy_root_disk": (Status.UNKNOWN, NOT_KNOWN),
        "legacy_named_by_param": (Status.UNKNOWN, NOT_KNOWN),
        "from_volume": (
            Status.PASS,
            "Instance root and data disks are encrypted (its disks are its volumes, all "
            "encrypted: data)",
        ),
    }


def test_a_second_bootable_source_is_not_read_as_the_image() -> None:
    # Heat refuses these (two bootable sources; both lists): nothing is taken from them
    volume = {"volume_id": "v"}
    assert not root_from_image({"image": "i", "block_device_mapping_v2": [volume]})
    assert not root_from_image(
        {"image": "i", "block_device_mapping_v2": [{**volume, "boot_index": 0}]}
    )
    assert not root_from_image({
        "image": "i", "block_device_mapping_v2": [{**volume, "boot_index": -1}],
        "block_device_mapping": [{"device_name": "vdb", "volume_id": "v"}],
    })
    assert root_from_image({"image": "i", "block_device_mapping_v2": [{"swap_size": 1}]})
    assert not root_from_image({"block_device_mapping_v2": [{**volume, "boot_index": -1}]})
