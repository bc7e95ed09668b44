"""China's working-day calendar as data: one row per year, and only the exceptions to "Mon–Fri work".

The State Council publishes each year's 放假安排 (usually in November/December of the year before).
A year the operator has entered and marked official is authoritative; any other year is computed
by rule (see `rules.py`) and every deadline that touches it is flagged provisional.
"""
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

FIRST_YEAR = 1950  # the first year `holidays` knows China's statutory holidays for
LAST_YEAR = 2100


class CalendarYear(models.Model):
    class Status(models.TextChoices):
        OFFICIAL = "official", _("正式（已按国务院办公厅通知录入）")
        PROVISIONAL = "provisional", _("暂定（按规则推算，录入内容为草稿）")

    year = models.PositiveSmallIntegerField(
        _("年份"),
        primary_key=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
    )
    status = models.CharField(
        _("状态"),
        max_length=16,
        choices=Status.choices,
        default=Status.PROVISIONAL,
        db_index=True,
        help_text=_(
            "只有“正式”年份录入的日期参与工作日计算；暂定年份按节假日库的规则推算"
            "（尚未公布的年份没有调休上班日），涉及该年份的期限标注“暂定”。"
        ),
    )
    source = models.CharField(
        _("来源"),
        max_length=200,
        blank=True,
        help_text=_("例如：国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕X号）"),
    )
    note = models.TextField(_("备注"), blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("日历年份")
        verbose_name_plural = _("日历年份")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["official", "provisional"]),
                name="workdays_calendaryear_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}（{self.get_status_display()}）"

    @property
    def is_official(self) -> bool:
        return self.status == self.Status.OFFICIAL


class CalendarDay(models.Model):
    """An exception to the Mon–Fri rule: a day off (法定节假日/调休休息) or a weekend make-up workday."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("法定节假日")
        WORKDAY = "workday", _("调休上班")

    date = models.DateField(_("日期"), unique=True)
    year = models.ForeignKey(
        CalendarYear, on_delete=models.CASCADE, related_name="days", verbose_name=_("年份")
    )
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices, db_index=True)
    name = models.CharField(_("名称"), max_length=100, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日/调休日")
        verbose_name_plural = _("节假日/调休日")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["holiday", "workday"]),
                name="workdays_calendarday_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.get_kind_display()} {self.name}".rstrip()

    def clean(self) -> None:
        errors = {}
        if self.date and self.year_id and self.date.year != self.year_id:
            errors["date"] = _("日期必须属于所选年份。")
        # A make-up workday only means something on a weekend; on a weekday it is already a workday.
        if self.date and self.kind == self.Kind.WORKDAY and self.date.weekday() < 5:
            errors["kind"] = _("调休上班日只能是周六或周日。")
        if errors:
            raise ValidationError(errors)
