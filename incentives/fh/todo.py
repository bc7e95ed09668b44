"""Home to-do: FH items waiting on the partner (deadlines of the monthly confirmation show up by themselves)."""
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from partnercenter.todo import TodoItem

from .models import FhQualification, SpecialistRoster
from .services.common import this_month


def fh_items(user) -> list[TodoItem]:
    if not user.is_authenticated or not user.partner_id:
        return []
    # One query: the qualification, with this month's roster when the partner has not checked it yet.
    unchecked_roster = (SpecialistRoster.objects.for_user(user)
                        .filter(partner=OuterRef("partner"), month=this_month(), reviewed_at__isnull=True,
                                frozen_at__isnull=True)
                        .values("pk")[:1])
    qualification = FhQualification.objects.for_user(user).annotate(unchecked_roster=Subquery(unchecked_roster)).first()
    if qualification is None:
        return []
    items = []
    if qualification.status == FhQualification.Status.REJECTED:
        items.append(TodoItem(title=_("FH资格申请审核不通过，待修改后重新提交"),
                              url=qualification.get_absolute_url(), category=_("专职人员激励(FH)")))
    if qualification.unchecked_roster is not None:
        items.append(TodoItem(title=_("本月项目专员名单有变更，请核对确认"),
                              url=SpecialistRoster(pk=qualification.unchecked_roster).get_absolute_url(),
                              category=_("专职人员激励(FH)")))
    return items
