"""GDCC-ENC-001 on an ``OS::Cinder::Volume`` whose ``volume_type`` is an ``OS::Cinder::VolumeType``
the template makes (openstack/tacker's VNF samples: ``volume_type: {get_resource: multi}``, a
multiattach type): it was UNKNOWN. A volume type has no encryption unless an encryption type is
given to it (Cinder, "Volume encryption supported by the key manager"), which Heat writes as
``OS::Cinder::EncryptedVolumeType``: none in the template -> FAIL, "provider default". A backend
extra spec naming encryption turned on encrypts it; a type named by text or a parameter, or the
cloud's default type, stays UNKNOWN."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit import Settings, audit
from gdcc_audit.models.finding import Status

_TEMPLATE = """\
heat_template_version: 2013-05-23
parameters:
  image: {type: string}
  volume_type: {type: string}
  flexvol: {type: string}
resources:
  multi:
    type: OS::Cinder::VolumeType
    properties:
      name: multiattach
      metadata: {multiattach: "<is> True"}
  netapp:
    type: OS::Cinder::VolumeType
    properties:
      name: netapp-encrypted
      metadata: {netapp_flexvol_encryption: "<is> True"}
  netapp_param:
    type: OS::Cinder::VolumeType
    properties:
      name: netapp-maybe
      metadata: {netapp_flexvol_encryption: {get_param: flexvol}}
  luks:
    type: OS::Cinder::VolumeType
    properties:
      name: luks
  luks_encryption:
    type: OS::Cinder::EncryptedVolumeType
    properties:
      volume_type: {get_resource: luks}
      provider: luks
  storage:
    type: OS::Cinder::Volume
    properties:
      image: {get_param: image}
      size: 1
      volume_type: {get_resource: multi}
  backend_encrypted:
    type: OS::Cinder::Volume
    properties: {size: 1, volume_type: {get_resource: netapp}}
  backend_maybe:
    type: OS::Cinder::Volume
    properties: {size: 1, volume_type: {get_resource: netapp_param}}
  luks_volume:
    type: OS::Cinder::Volume
    properties: {size: 1, volume_type: {get_resource: luks}}
  by_param:
    type: OS::Cinder::Volume
    properties: {size: 1, volume_type: {get_param: volume_type}}
  by_name:
    type: OS::Cinder::Volume
    properties: {size: 1, volume_type: standard}
  by_default:
    type: OS::Cinder::Volume
    properties: {size: 1}
"""


def test_volume_type_made_without_encryption(tmp_path: Path) -> None:
    (tmp_path / "vnf.yaml").write_text(_TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-001",)))
    found = {f.address: f for f in result.findings}
    assert {address: f.status for address, f in found.items()} == {
        "storage": Status.FAIL,
        "backend_encrypted": Status.PASS,
        "backend_maybe": Status.UNKNOWN,
        "luks_volume": Status.PASS,
        "by_param": Status.UNKNOWN,
        "by_name": Status.UNKNOWN,
        "by_default": Status.UNKNOWN,
    }
    storage = found["storage"]
    assert storage.message.en == (
        "encryption at rest is off (provider default: 'OS::Cinder::EncryptedVolumeType for "
        "volume type multi' not set)"
    )
    assert "OS::Cinder::EncryptedVolumeType" in storage.message.th
    assert storage.evidence["defaults"]["encrypted_at_rest"]["documentation"] == (
        "https://docs.openstack.org/cinder/latest/configuration/block-storage/"
        "volume-encryption.html"
    )


_SERVERS = """\
  vdu:
    type: OS::Nova::Server
    properties:
      flavor: m1.tiny
      block_device_mapping_v2: [{"volume_id": { get_resource: storage }}]
  vdu_luks:
    type: OS::Nova::Server
    properties:
      flavor: m1.tiny
      block_device_mapping_v2: [{"volume_id": { get_resource: luks_volume }}]
  vdu_two:
    type: OS::Nova::Server
    properties:
      flavor: m1.tiny
      block_device_mapping:
        - {device_name: vda, volume_id: {get_resource: luks_volume}}
        - {device_name: vdb, volume_id: {get_resource: by_param}}
  vdu_param:
    type: OS::Nova::Server
    properties:
      flavor: m1.tiny
      block_device_mapping_v2: [{"volume_id": { get_resource: by_param }}]
"""


def test_servers_take_their_volumes_encryption(tmp_path: Path) -> None:
    (tmp_path / "vnf.yaml").write_text(_TEMPLATE + _SERVERS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-003",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found == {
        "vdu": (Status.FAIL, "encryption at rest is off (its volume storage is not encrypted)"),
        "vdu_luks": (
            Status.PASS,
            "Instance root and data disks are encrypted (its disks are its volumes, all "
            "encrypted: luks_volume)",
        ),
        "vdu_two": (
            Status.UNKNOWN, "whether encryption at rest is on is not known from the input"
        ),
        "vdu_param": (
            Status.UNKNOWN, "whether encryption at rest is on is not known from the input"
        ),
    }
