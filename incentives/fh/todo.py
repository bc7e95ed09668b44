"""Home to-do: FH items waiting on the partner (deadlines of the monthly confirmation show up by themselves)."""
from django.utils.translation import gettext as _

from partnercenter.todo import TodoItem

from .models import FhQualification, SpecialistRoster
from .services.common import this_month


def fh_items(user) -> list[TodoItem]:
    if not user.is_authenticated or not user.partner_id:
        return []
    items = []
    qualification = FhQualification.objects.for_user(user).first()
    if qualification is None:
        return []
    if qualification.status == FhQualification.Status.REJECTED:
        items.append(TodoItem(title=_("FH资格申请审核不通过，待修改后重新提交"),
                              url=qualification.get_absolute_url(), category=_("专职人员激励(FH)")))
    roster = SpecialistRoster.objects.for_user(user).filter(month=this_month()).first()
    if roster is not None and not roster.is_reviewed and roster.frozen_at is None:
        items.append(TodoItem(title=_("本月项目专员名单有变更，请核对确认"), url=roster.get_absolute_url(),
                              category=_("专职人员激励(FH)")))
    return items
