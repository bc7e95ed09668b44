"""Home to-do: rejected MDF applications waiting for the partner to fix them. (Applications waiting for the
operator's review reach the operator's to-do list through their 3-working-day review deadline.)"""
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from partnercenter.todo import TodoItem

from .models import MdfApplication, MdfClaim


def mdf_items(user) -> list[TodoItem]:
    if not user.is_authenticated:
        return []
    items = []
    if user.partner_id:
        rejected = MdfApplication.objects.for_user(user).filter(status=MdfApplication.Status.REJECTED).count()
        if rejected:
            items.append(TodoItem(title=_("%(count)s 个MDF使用申请审核不通过，待修改后重新提交") % {"count": rejected},
                                  url=reverse("vouchers:mdf-list") + "?status=rejected", category=_("MDF")))
        Status = MdfClaim.Status
        claims = (MdfClaim.objects.for_user(user).filter(status__in=(Status.RETURNED, Status.APPROVED)).order_by()
                  .aggregate(returned=Count("pk", filter=Q(status=Status.RETURNED)),
                             payable=Count("pk", filter=Q(status=Status.APPROVED))))
        if returned := claims["returned"]:
            items.append(TodoItem(title=_("%(count)s 个MDF核销被退回修改，待修改后重新提交") % {"count": returned},
                                  url=reverse("vouchers:claim-list") + "?status=returned", category=_("MDF")))
        if payable := claims["payable"]:
            items.append(TodoItem(title=_("%(count)s 个MDF核销已审核通过，可申请付款") % {"count": payable},
                                  url=reverse("vouchers:claim-list") + "?status=approved", category=_("MDF")))
    return items
