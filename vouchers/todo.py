"""Home to-do: rejected MDF applications waiting for the partner to fix them. (Applications waiting for the
operator's review reach the operator's to-do list through their 3-working-day review deadline.)"""
from django.urls import reverse
from django.utils.translation import gettext as _

from partnercenter.todo import TodoItem

from .models import MdfApplication


def mdf_items(user) -> list[TodoItem]:
    if not user.is_authenticated:
        return []
    if user.partner_id:
        rejected = MdfApplication.objects.for_user(user).filter(status=MdfApplication.Status.REJECTED).count()
        if rejected:
            return [TodoItem(title=_("%(count)s 个MDF使用申请审核不通过，待修改后重新提交") % {"count": rejected},
                             url=reverse("vouchers:mdf-list") + "?status=rejected", category=_("MDF"))]
    return []
