"""The FH quarter as a payable source (payments.sources): kind "fh_quarter". Registered from FhConfig.ready()."""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from payments.sources import Payable

from .models import FhQuarter
from .selectors import quarter_blockers, quarter_total
from .services import quarter_on_paid, quarter_on_released, quarter_on_requested


class FhQuarterSource:
    kind = "fh_quarter"
    label = gettext_lazy("FH季度激励")
    model = FhQuarter

    def payable(self, obj) -> Payable:
        return Payable(amount=quarter_total(obj),
                       title=_("售前专职人员激励(FH) %(quarter)s") % {"quarter": obj.label},
                       url=obj.get_absolute_url())

    def blockers(self, obj) -> list[str]:
        """FH's own rules (spec A.7); the payment pre-flight adds the platform's (商业信息认证 …)."""
        return [str(blocker) for blocker in quarter_blockers(obj)]

    def on_requested(self, obj, payment, actor) -> None:
        quarter_on_requested(quarter_id=obj.pk, actor=actor, payment=payment)

    def on_paid(self, obj, payment, actor) -> None:
        quarter_on_paid(quarter_id=obj.pk, actor=actor, payment=payment)

    def on_released(self, obj, payment, actor) -> None:
        quarter_on_released(quarter_id=obj.pk, actor=actor, payment=payment)


SOURCE = FhQuarterSource()


def register() -> None:
    from payments import sources

    sources.register(SOURCE)
