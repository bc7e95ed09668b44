"""What the FH services share: who may act, months, and telling people."""
import datetime as dt

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from partnercenter.notifications.services import notify

# 激励确认: the partner has this many working days after generation to confirm (spec A.10).
FH_CONFIRM_WORKING_DAYS = 30
# 资格申请审核 and 初审: operators answer within this many working days.
FH_REVIEW_WORKING_DAYS = 3


def require_vendor(actor) -> None:
    if actor is None or not actor.can_review():
        raise PermissionDenied(_("只有运营人员可以执行此操作。"))


def require_main_account(actor) -> None:
    """FH is the organisation's commitment (agreement, specialists, confirmed money): its main account acts."""
    if actor is None or not actor.is_main_account:
        raise PermissionDenied(_("只有伙伴主账号可以执行此操作。"))


def this_month(today: dt.date | None = None) -> dt.date:
    return (today or timezone.localdate()).replace(day=1)


def month_end(month: dt.date) -> dt.date:
    following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def previous_month(day: dt.date) -> dt.date:
    return (day.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def tell_partner(partner_id: int, *, title: str, body: str = "", url: str = "", level: str = "info") -> None:
    from partnercenter.partners.models import User

    notify(recipients=User.objects.filter(partner_id=partner_id).main_accounts(), title=title, body=body, url=url,
           level=level)


def tell_operators(*, title: str, url: str = "") -> None:
    from partnercenter.partners.models import User

    notify(recipients=User.objects.vendor_operators(), title=title, url=url, email=False)
