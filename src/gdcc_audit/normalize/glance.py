"""Glance images (Heat ``OS::Glance::WebImage``, Terraform ``openstack_images_image_v2``):
whether an image is shared with every project of the cloud.

Image API v2 reference, "Image visibility" (``GLANCE_VISIBILITY``): ``public`` and
``community``, "Any user may read the image and its data payload" (a public one is also
listed to all users); ``shared``, "Only the owner and the specific image members"; ``private``
the owner only. On a cloud shared by
many agencies, an image made public hands its disk, with whatever was baked into it, to every
other tenant. Both Heat and the Terraform provider default to ``private``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import DefaultedFacet

GLANCE_VISIBILITY = "https://docs.openstack.org/api-ref/image/v2/index.html#images"
_OPEN = {"public": True, "community": True, "shared": False, "private": False}


@dataclass(frozen=True)
class ImageVisibility:
    """Whether the image is open to every project (None: not known), why, and the default
    that decided it when ``visibility`` is not written."""

    public: bool | None
    because: Text | None = None
    default: DefaultedFacet | None = None


def judge(visibility: Any, default_doc: str) -> ImageVisibility:
    """The verdict of an image's ``visibility`` (None: not written, the documented default
    ``private`` of ``default_doc``; anything but a known word: not known)."""
    if visibility is None:
        return ImageVisibility(False, default=DefaultedFacet(attribute="visibility",
                                                             doc=default_doc))
    word = visibility.strip().lower() if isinstance(visibility, str) else None
    public = _OPEN.get(word or "")
    if public is not True:
        return ImageVisibility(public)
    return ImageVisibility(True, Text(
        en=f"its visibility is {word}: any user of the cloud may read the image and its data "
        f"({GLANCE_VISIBILITY})",
        th=f"visibility เป็น {word}: ผู้ใช้ทุกคนในคลาวด์อ่านอิมเมจและข้อมูลของอิมเมจได้ "
        f"({GLANCE_VISIBILITY})",
    ))
