"""专家认证: certified experts, entered (or imported) by operators in the admin; partners read them."""
import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnercenter.tenancy import PartnerScopedQuerySet, scoped


class ExpertQuerySet(PartnerScopedQuerySet):
    def valid_on(self, day: dt.date):
        return self.filter(valid_from__lte=day, valid_to__gte=day)

    def valid_during(self, start: dt.date, end: dt.date):
        """Certified at some point of [start, end] (a certificate running out mid-month still counts)."""
        return self.filter(valid_from__lte=end, valid_to__gte=start)


@scoped
class CertifiedExpert(models.Model):
    class Level(models.TextChoices):
        ASSOCIATE = "associate", _("初级专家")
        PROFESSIONAL = "professional", _("中级专家")
        SENIOR = "senior", _("高级专家")

    # Monthly incentive per person by level (元/人/月), frozen onto each monthly line when it is generated.
    MONTHLY_AMOUNT = {
        Level.ASSOCIATE: Decimal("3000.00"),
        Level.PROFESSIONAL: Decimal("5000.00"),
        Level.SENIOR: Decimal("8000.00"),
    }

    partner = models.ForeignKey("partners.Partner", verbose_name=_("伙伴"), on_delete=models.PROTECT,
                                related_name="fh_experts")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("人员"), on_delete=models.PROTECT,
                               related_name="fh_certifications")
    certificate_no = models.CharField(_("证书编号"), max_length=40, unique=True)
    certification = models.CharField(_("认证名称"), max_length=100)
    level = models.CharField(_("认证级别"), max_length=12, choices=Level.choices)
    valid_from = models.DateField(_("生效日期"))
    valid_to = models.DateField(_("失效日期"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("录入人"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(_("录入时间"), default=timezone.now)

    objects = ExpertQuerySet.as_manager()

    class Meta:
        verbose_name = _("认证专家")
        verbose_name_plural = _("认证专家")
        ordering = ["partner_id", "-valid_to", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(valid_to__gte=F("valid_from")), name="fh_expert_valid_range"),
        ]

    def __str__(self):
        return f"{self.person_name} {self.certification}"

    @property
    def person_name(self) -> str:
        return self.person.display_name if self.person_id else ""

    @property
    def monthly_amount(self) -> Decimal:
        return self.MONTHLY_AMOUNT[self.level]

    def is_valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day <= self.valid_to
