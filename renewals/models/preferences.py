"""Which columns a person wants on the task list (remembered per user, chosen in the gear dialog)."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ColumnPreference(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    table = models.CharField(_("列表"), max_length=40)
    columns = models.JSONField(_("显示的列"), default=list)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("列表显示列")
        verbose_name_plural = _("列表显示列")
        constraints = [models.UniqueConstraint(fields=["user", "table"], name="renewals_columns_one_per_table")]

    def __str__(self):
        return f"{self.user_id}:{self.table}"
