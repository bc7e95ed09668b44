"""资格申请: one FH qualification per partner, reviewed by operators; approval = the FH agreement signed."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnercenter.tenancy import PartnerScopedQuerySet, scoped
from partnercenter.workflow.machine import Transition, Workflow


class QualificationQuerySet(PartnerScopedQuerySet):
    def approved(self):
        return self.filter(status=FhQualification.Status.APPROVED)

    def awaiting_review(self):
        return self.filter(status=FhQualification.Status.IN_REVIEW)


@scoped
class FhQualification(models.Model):
    """One per partner: submitted, reviewed, resubmitted after a rejection. Approval = the FH agreement signed."""

    class Status(models.TextChoices):
        IN_REVIEW = "in_review", _("审核中")
        APPROVED = "approved", _("审核通过（已签署FH协议）")
        REJECTED = "rejected", _("审核不通过")

    workflow = Workflow(
        Transition("approve", sources=[Status.IN_REVIEW], target=Status.APPROVED, label=_("审核通过"),
                   by_vendor=True),
        Transition("reject", sources=[Status.IN_REVIEW], target=Status.REJECTED, label=_("审核不通过"),
                   by_vendor=True, style="danger"),
        Transition("resubmit", sources=[Status.REJECTED], target=Status.IN_REVIEW, label=_("重新提交")),
        tones={Status.IN_REVIEW: "info", Status.APPROVED: "success", Status.REJECTED: "danger"},
    )

    partner = models.OneToOneField("partners.Partner", verbose_name=_("伙伴"), on_delete=models.PROTECT,
                                   related_name="fh_qualification")
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.IN_REVIEW,
                              db_index=True)
    contact_name = models.CharField(_("联系人"), max_length=50)
    contact_phone = models.CharField(_("联系电话"), max_length=20)
    statement = models.TextField(_("申请说明"), max_length=2000)
    agreement_accepted_at = models.DateTimeField(_("签署FH协议时间"))
    review_comment = models.CharField(_("审核意见"), max_length=500, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申请人"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    approved_at = models.DateTimeField(_("审核通过时间"), null=True, blank=True)

    objects = QualificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("FH资格申请")
        verbose_name_plural = _("FH资格申请")
        ordering = ["-submitted_at", "-pk"]

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        return reverse("incentives:fh-qualification-detail", args=[self.pk])

    @property
    def code(self) -> str:
        return f"FHQ{self.pk or 0:06d}"
