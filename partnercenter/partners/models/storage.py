"""Private uploads: random file names under MEDIA_ROOT/private, served only by permission-checked views."""
import uuid
from pathlib import PurePosixPath

from django.utils.deconstruct import deconstructible


@deconstructible
class private_upload_to:  # noqa: N801 - used like a function in field declarations
    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        suffix = PurePosixPath(filename).suffix.lower()[:10]
        return f"private/{self.folder}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other):
        return isinstance(other, private_upload_to) and other.folder == self.folder
