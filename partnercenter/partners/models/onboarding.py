"""Onboarding: 商业计划 and 案例 uploads, and 角色认证 / 能力差异化认证 applications (all operator-reviewed)."""
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnercenter.tenancy import scoped

from .certification import ReviewedApplication, ReviewStatus
from .organisations import Partner
from .storage import private_upload_to


@scoped
class PartnerDocument(ReviewedApplication):
    """A 商业计划 (business plan) or a 案例 (customer case) the partner uploads for review."""

    class Kind(models.TextChoices):
        PLAN = "plan", _("商业计划")
        CASE = "case", _("案例")

    kind = models.CharField(_("类型"), max_length=8, choices=Kind.choices, db_index=True)
    title = models.CharField(_("名称"), max_length=200)
    customer_name = models.CharField(_("客户名称"), max_length=200, blank=True,
                                     help_text=_("案例涉及的客户；商业计划可不填"))
    summary = models.TextField(_("简介"), max_length=2000, blank=True)
    file = models.FileField(_("附件"), upload_to=private_upload_to("onboarding"), max_length=300)

    workflow = ReviewedApplication.workflow

    class Meta:
        verbose_name = _("商业计划与案例")
        verbose_name_plural = _("商业计划与案例")
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["status", "submitted_at"], name="partners_document_queue")]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.title}"

    def get_absolute_url(self):
        return reverse("partners:document-detail", args=[self.pk])

    def get_review_url(self):
        return reverse("partners:document-review", args=[self.pk])


@scoped
class CertificationApplication(ReviewedApplication):
    """角色认证 (joined → role_certified) or 能力差异化认证 (role_certified → capability) on one path."""

    class Kind(models.TextChoices):
        ROLE = "role", _("角色认证")
        CAPABILITY = "capability", _("能力差异化认证")

    kind = models.CharField(_("认证类型"), max_length=12, choices=Kind.choices)
    path = models.CharField(_("发展路径"), max_length=20, choices=Partner.Path.choices)
    statement = models.TextField(_("申请说明"), max_length=2000, blank=True)
    certificate_no = models.CharField(_("证书编号"), max_length=32, blank=True)
    level_granted = models.CharField(_("授予等级"), max_length=20, choices=Partner.Level.choices, blank=True)

    workflow = ReviewedApplication.workflow

    class Meta:
        verbose_name = _("认证申请")
        verbose_name_plural = _("认证申请")
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["status", "submitted_at"], name="partners_certapp_queue")]
        constraints = [
            models.UniqueConstraint(fields=["partner", "kind", "path"], condition=models.Q(status="pending"),
                                    name="partners_certapp_one_pending"),
            models.UniqueConstraint(fields=["certificate_no"], condition=~models.Q(certificate_no=""),
                                    name="partners_certapp_certificate_no_unique"),
            models.CheckConstraint(name="partners_certapp_certificate_when_approved",
                                   condition=models.Q(status=ReviewStatus.APPROVED) | models.Q(certificate_no="")),
        ]

    def __str__(self):
        return f"{self.get_path_display()} · {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("partners:certification-detail", args=[self.pk])

    def get_review_url(self):
        return reverse("partners:certification-review", args=[self.pk])

    @property
    def target_stage(self) -> str:
        return Partner.Stage.ROLE_CERTIFIED if self.kind == self.Kind.ROLE else Partner.Stage.CAPABILITY
