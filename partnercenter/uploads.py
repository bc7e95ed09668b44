"""Uploaded documents (licences, stamped materials, invoices): checked by extension, size and content, stored
privately, and handed out only by views that checked who is asking."""
import mimetypes
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.translation import gettext as _

# Extension → the first bytes every such file starts with.
DOCUMENT_SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}


def validate_document(upload) -> None:
    """Raise ValidationError unless `upload` is a PDF/JPG/PNG whose content matches its extension and size limit."""
    suffix = PurePosixPath(upload.name or "").suffix.lower()
    if suffix not in DOCUMENT_SIGNATURES:
        raise ValidationError(_("仅支持 PDF、JPG、PNG 格式的文件。"), code="file_type")
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("文件大小不能超过 %(mb)s MB（当前 %(size).1f MB）。") % {"mb": limit // (1024 * 1024),
                                                                 "size": upload.size / 1024 / 1024},
            code="file_size",
        )
    if upload.size == 0:
        raise ValidationError(_("文件内容为空。"), code="file_empty")
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(16)
    upload.seek(position)
    if not any(head.startswith(signature) for signature in DOCUMENT_SIGNATURES[suffix]):
        raise ValidationError(_("文件内容与扩展名不符，请上传真实的 PDF、JPG 或 PNG 文件。"), code="file_content")


def document_response(field_file, *, download_name: str) -> FileResponse:
    """Serve a private file as an attachment (never inline, never sniffed)."""
    content_type = mimetypes.guess_type(field_file.name)[0] or "application/octet-stream"
    response = FileResponse(field_file.open("rb"), as_attachment=True, filename=download_name,
                            content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
