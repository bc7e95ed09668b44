"""Race-free document numbers: one counter row per key (e.g. "request-2026"), incremented under its row lock."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class CodeCounter(models.Model):
    key = models.CharField(_("编号序列"), max_length=40, unique=True)
    value = models.PositiveIntegerField(_("当前值"), default=0)

    class Meta:
        verbose_name = _("编号序列")
        verbose_name_plural = _("编号序列")

    def __str__(self):
        return f"{self.key}={self.value}"
