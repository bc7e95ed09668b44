"""Who at a master distributor (总经销商) handles a cloud reseller's (云经销商) sub-customer.

The reseller's sub-customers are the reseller's (their 客户分配 stays inside the reseller), but their renewal
and sales-expansion tasks are worked by the distributor. The distributor's main account names one of its own
customer managers per sub-customer here; that manager then sees and 处理 both task queues of that customer.
Without one, the distributor's main accounts handle the tasks.
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DistributorHandler(models.Model):
    customer = models.OneToOneField("partners.Customer", verbose_name=_("云经销商子客户"), on_delete=models.CASCADE,
                                    related_name="distributor_handler")
    distributor = models.ForeignKey("partners.Partner", verbose_name=_("总经销商"), on_delete=models.CASCADE,
                                    related_name="+")
    manager = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("处理人"), on_delete=models.PROTECT,
                                related_name="handled_reseller_customers")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("分配人"), on_delete=models.PROTECT,
                                    related_name="+")
    assigned_at = models.DateTimeField(_("分配时间"), auto_now=True)

    class Meta:
        verbose_name = _("总经销商处理人")
        verbose_name_plural = _("总经销商处理人")

    def __str__(self):
        return f"{self.customer} → {self.manager}"
