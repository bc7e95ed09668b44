"""The portal's top navigation, mirroring the Huawei Cloud Partner Center (spec A.17).

Entries name URL patterns; a wing whose issue has not landed serves its URL names with the "coming soon"
page, so the menu never changes when the wing arrives.
"""
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Link:
    label: str
    url_name: str
    staff_only: bool = False

    @property
    def url(self) -> str:
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return "#"


@dataclass(frozen=True)
class Section:
    label: str | None
    links: tuple


@dataclass(frozen=True)
class Menu:
    key: str
    label: str
    sections: tuple = field(default_factory=tuple)
    url_name: str = ""


PARTNER_MENU = (
    Menu("home", _("主页"), url_name="home"),
    Menu("sales", _("销售"), (
        Section(_("拓新"), (
            Link(_("机会点管理"), "incentives:opportunity-list"),
            Link(_("营销任务"), "renewals:task-list"),
        )),
        Section(_("激励"), (
            Link(_("激励管理"), "incentives:management"),
            Link(_("指标信息"), "incentives:indicator-list"),
            Link(_("业绩管理"), "incentives:performance"),
        )),
        Section(_("客户"), (Link(_("客户分配"), "partners:customer-list"),)),
        Section(_("客户业务"), (Link(_("提货券管理"), "vouchers:quota-list"),)),
        Section(_("账务"), (
            Link(_("合同商务"), "payments:contract-list"),
            Link(_("伙伴账单"), "payments:bill-list"),
        )),
        Section(_("营销"), (Link(_("MDF"), "vouchers:mdf-list"),)),
    )),
    Menu("benefits", _("权益"), (
        Section(None, (Link(_("专职人员激励(FH)"), "incentives:fh"),)),
    )),
    Menu("delivery", _("交付"), (
        Section(None, (Link(_("交付能力提升支持"), "payments:delivery-project-list"),)),
    )),
    Menu("organisation", _("组织"), (
        Section(None, (
            Link(_("组织成员"), "partners:member-list"),
            Link(_("项目专员"), "incentives:specialist-list"),
        )),
    )),
    Menu("partner-info", _("伙伴信息"), (
        Section(None, (
            Link(_("商业信息认证"), "partners:businessinfo"),
            Link(_("实名认证"), "partners:realname"),
            Link(_("发展路径"), "partners:path"),
        )),
    )),
)

VENDOR_MENU = (
    Menu("review", _("审核"), (
        Section(None, (
            Link(_("审核工作台"), "review:queue"),
            Link(_("激励生成"), "incentives:run-list"),
            Link(_("MDF审核"), "vouchers:mdf-review-list"),
            Link(_("付款审核"), "payments:request-review-list"),
            Link(_("FH审核"), "incentives:fh-review-list"),
            Link(_("机会点审核"), "incentives:opportunity-review-list"),
            Link(_("管理后台"), "admin:index"),
        )),
    )),
)


def menu_for(user) -> tuple:
    if getattr(user, "is_vendor_staff", False):
        return (PARTNER_MENU[0], *VENDOR_MENU)
    return PARTNER_MENU
