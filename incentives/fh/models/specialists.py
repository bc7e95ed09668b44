"""项目专员 and their monthly lists (the snapshot the monthly generation reads)."""
import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnercenter.tenancy import PartnerScopedQuerySet, scoped

from .base import month_label


class SpecialistQuerySet(PartnerScopedQuerySet):
    def active_in(self, month: dt.date):
        return self.filter(Q(end_month__isnull=True) | Q(end_month__gte=month), start_month__lte=month)


@scoped
class ProjectSpecialist(models.Model):
    """A bound member working as project specialist from `start_month` up to and including `end_month`."""

    partner = models.ForeignKey("partners.Partner", verbose_name=_("伙伴"), on_delete=models.PROTECT,
                                related_name="fh_specialists")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("人员"), on_delete=models.PROTECT,
                               related_name="fh_specialist_terms")
    position = models.CharField(_("负责方向"), max_length=100)
    start_month = models.DateField(_("开始月份"))
    end_month = models.DateField(_("结束月份"), null=True, blank=True)
    created_at = models.DateTimeField(_("申请时间"), default=timezone.now)

    objects = SpecialistQuerySet.as_manager()

    class Meta:
        verbose_name = _("项目专员")
        verbose_name_plural = _("项目专员")
        ordering = ["-start_month", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(end_month__isnull=True) | Q(end_month__gte=F("start_month")),
                                   name="fh_specialist_month_range"),
            # A person has at most one open term at a time.
            models.UniqueConstraint(fields=["person"], condition=Q(end_month__isnull=True),
                                    name="fh_specialist_one_open_term"),
        ]

    def __str__(self):
        return f"{self.person.display_name} {self.position}"

    def is_active_in(self, month: dt.date) -> bool:
        return self.start_month <= month and (self.end_month is None or self.end_month >= month)


class RosterQuerySet(PartnerScopedQuerySet):
    def unreviewed(self):
        return self.filter(reviewed_at__isnull=True)


@scoped
class SpecialistRoster(models.Model):
    """The month's list of project specialists: refreshed while the month runs, read by the monthly generation.

    Every change resets `reviewed_at`: the partner checks the list again (home to-do until it has)."""

    partner = models.ForeignKey("partners.Partner", verbose_name=_("伙伴"), on_delete=models.PROTECT,
                                related_name="fh_rosters")
    month = models.DateField(_("月份"))
    reviewed_at = models.DateTimeField(_("伙伴确认时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("确认人"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    frozen_at = models.DateTimeField(_("生成激励时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now)

    objects = RosterQuerySet.as_manager()

    class Meta:
        verbose_name = _("项目专员月度名单")
        verbose_name_plural = _("项目专员月度名单")
        ordering = ["-month"]
        constraints = [models.UniqueConstraint(fields=["partner", "month"], name="fh_roster_one_per_month")]

    def __str__(self):
        return month_label(self.month)

    def get_absolute_url(self):
        return reverse("incentives:specialist-roster", args=[self.pk])

    @property
    def is_reviewed(self) -> bool:
        return self.reviewed_at is not None


class RosterEntry(models.Model):
    roster = models.ForeignKey(SpecialistRoster, verbose_name=_("月度名单"), on_delete=models.CASCADE,
                               related_name="entries")
    specialist = models.ForeignKey(ProjectSpecialist, verbose_name=_("项目专员"), on_delete=models.PROTECT,
                                   related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("人员"), on_delete=models.PROTECT,
                               related_name="+")
    person_name = models.CharField(_("姓名"), max_length=150)
    position = models.CharField(_("负责方向"), max_length=100)

    class Meta:
        verbose_name = _("月度名单人员")
        verbose_name_plural = _("月度名单人员")
        ordering = ["person_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["roster", "person"], name="fh_roster_entry_unique")]

    def __str__(self):
        return self.person_name
