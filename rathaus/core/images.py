"""Uploaded pictures made safe to publish: decoded by Pillow (fakes and decompression bombs
are refused), scaled to at most ``max_edge`` pixels and encoded anew, so no metadata (GPS
position, camera, author) survives. Used for project images and speaker photos."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from rathaus.core.errors import DomainError

__all__ = ["MAX_PIXELS", "ImageRefused", "Reencoded", "reencode"]

MAX_PIXELS = 40_000_000


class ImageRefused(DomainError):
    """The picture cannot be read or is too large (``message`` says which)."""


@dataclass(frozen=True)
class Reencoded:
    data: bytes
    extension: str  # ".jpg" or ".png"
    width: int
    height: int


def _check_size(upload: UploadedFile) -> None:
    with Image.open(upload) as probe:
        if probe.width * probe.height > MAX_PIXELS:
            raise ImageRefused(
                _("Das Bild „%(name)s“ hat zu viele Bildpunkte (höchstens 40 Megapixel).")
                % {"name": upload.name}
            )
        probe.verify()
    upload.seek(0)


def reencode(upload: UploadedFile, content_type: str, max_edge: int = 1600) -> Reencoded:
    """PNG stays PNG (transparency), everything else becomes JPEG."""
    keep_alpha = content_type == "image/png"
    try:
        _check_size(upload)
        with Image.open(upload) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)  # phones store the rotation as metadata
            upright.thumbnail((max_edge, max_edge))
            converted = upright.convert("RGBA" if keep_alpha else "RGB")
            buffer = io.BytesIO()
            encoding = "PNG" if keep_alpha else "JPEG"
            converted.save(buffer, format=encoding, quality=85, optimize=True)
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise ImageRefused(
            _("Die Datei „%(name)s“ ist kein lesbares JPEG- oder PNG-Bild.") % {"name": upload.name}
        ) from None
    width, height = converted.size
    return Reencoded(buffer.getvalue(), ".png" if keep_alpha else ".jpg", width, height)
