"""The delivery-support project's subsidy as a payable source (payments.sources), registered in apps.ready()."""
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import DeliveryProject
from .sources import Payable


class DeliveryProjectSource:
    kind = "delivery_project"
    label = gettext_lazy("交付能力提升支持")
    model = DeliveryProject

    def payable(self, obj) -> Payable:
        return Payable(amount=obj.approved_subsidy if obj.approved_subsidy is not None else obj.requested_subsidy,
                       title=_("交付能力提升支持 %(code)s %(name)s") % {"code": obj.code, "name": obj.name},
                       url=obj.get_absolute_url())

    def blockers(self, obj) -> list[str]:
        if obj.status not in DeliveryProject.PAYABLE:
            return [_("项目尚未验收通过（当前状态：%(status)s），验收通过后才能申请补贴付款") % {
                "status": obj.get_status_display()}]
        if obj.subsidy_paid_at is not None:
            return [_("该项目补贴已付款")]
        return []

    def on_requested(self, obj, payment, actor) -> None:
        pass

    def on_paid(self, obj, payment, actor) -> None:
        obj.subsidy_paid_at = timezone.now()
        obj.save(update_fields=["subsidy_paid_at"])

    def on_released(self, obj, payment, actor) -> None:
        pass
