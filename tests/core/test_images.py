"""Uploaded pictures are decoded, turned upright, scaled and stored without metadata."""


def test_photos_are_turned_upright_before_the_metadata_goes():
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from rathaus.core.images import reencode

    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to view
    Image.new("RGB", (400, 200), (200, 0, 0)).save(buffer, format="JPEG", exif=exif)
    picture = reencode(SimpleUploadedFile("handy.jpg", buffer.getvalue()), "image/jpeg")
    assert (picture.width, picture.height) == (200, 400)
    with Image.open(io.BytesIO(picture.data)) as stored:
        assert not stored.getexif()
