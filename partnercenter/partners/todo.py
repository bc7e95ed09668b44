"""To-do items about the partner's own identity: certifications not done or returned."""
from django.urls import reverse
from django.utils.translation import gettext as _

from partnercenter.todo import TodoItem, register

from .models import Customer, Partner
from .selectors import business_info_status


@register
def certification_items(user) -> list[TodoItem]:
    if not user.is_authenticated or not user.partner_id or not user.can_manage_partner_info():
        return []
    partner = user.partner
    items = []
    category = _("伙伴信息")
    if partner.real_name_status == Partner.RealName.NOT_VERIFIED:
        items.append(TodoItem(title=_("完成企业实名认证"), url=reverse("partners:realname"), category=category,
                              detail=_("实名认证是申请激励、下载付款协议的前提")))
    elif partner.real_name_status == Partner.RealName.REJECTED:
        items.append(TodoItem(title=_("实名认证未通过，请修改后重新提交"), url=reverse("partners:realname"),
                              category=category))
    code, _label, _tone = business_info_status(partner=partner)
    if partner.is_real_name_verified and code == "not_certified":
        items.append(TodoItem(title=_("完成商业信息认证"), url=reverse("partners:businessinfo"), category=category,
                              detail=_("未完成商业信息认证无法结算激励")))
    elif code in ("rejected", "change_rejected"):
        items.append(TodoItem(title=_("商业信息认证未通过，请修改后重新提交"), url=reverse("partners:businessinfo"),
                              category=category))
    unassigned = Customer.objects.for_partner(partner).unassigned().count()
    if unassigned:
        items.append(TodoItem(title=_("%(count)s 位客户尚未分配客户经理") % {"count": unassigned},
                              url=reverse("partners:customer-list") + "?assignment=unassigned",
                              category=_("客户"),
                              detail=_("未分配客户的消费与业绩不归属任何客户经理")))
    return items
