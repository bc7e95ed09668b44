"""The portal's top navigation, mirroring the Huawei Cloud Partner Center (spec A.17).

Entries name URL patterns; a wing whose issue has not landed serves its URL names with the "coming soon"
page, so the menu never changes when the wing arrives.
"""
from dataclasses import dataclass, field
from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Link:
    label: str
    url_name: str
    staff_only: bool = False

    @property
    def url(self) -> str:
        return url_for(self.url_name)


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


# The rendered menu. It depends only on the language, the menu, whether staff-only links show and which links
# the current page belongs to, so each combination is rendered once per process and reused: the template
# engine spent a seventh of a list page's Python work on this block.
@lru_cache(maxsize=64)
def _reverse(url_name: str, prefix: str, urlconf) -> str:
    try:
        return reverse(url_name, urlconf=urlconf)
    except NoReverseMatch:
        return "#"


def url_for(url_name: str) -> str:
    """A menu entry's URL ("#" when the name does not resolve), reversed once per process."""
    return _reverse(url_name, get_script_prefix(), get_urlconf())


def is_current(url: str, path: str) -> bool:
    """Does the page at `path` belong to the menu link `url`? Sub-pages (details, forms) count as well."""
    if not url or url == "#" or not path:
        return False
    return path == "/" if url == "/" else path.startswith(url)


def menu_html(menu: tuple, *, path: str, is_staff: bool) -> SafeString:
    """The <ul> of the top menu for a page at `path`, from the per-process cache when it was rendered before."""
    keys = tuple(m.key for m in menu)
    return _menu_html(keys, get_language(), get_script_prefix(), get_urlconf(), is_staff, current_urls(menu, path))


def current_urls(menu: tuple, path: str) -> tuple:
    """The menu's URLs the page at `path` belongs to: all the menu's rendering depends on besides the language."""
    urls = [url_for(m.url_name) for m in menu if m.url_name]
    urls += [link.url for m in menu for s in m.sections for link in s.links]
    return tuple(url for url in urls if is_current(url, path))


_MENUS = {m.key: m for m in (*PARTNER_MENU, *VENDOR_MENU)}


@lru_cache(maxsize=256)
def _menu_html(keys, language, prefix, urlconf, is_staff, current) -> SafeString:
    from django.template.loader import render_to_string

    menu = [_MENUS[key] for key in keys]

    def link_item(link):
        return {"label": link.label, "url": link.url, "current": link.url in current}

    def item(entry):
        if entry.url_name:
            url = url_for(entry.url_name)
            return {"entry": entry, "url": url, "current": url in current}
        sections = [{"label": s.label, "links": [link_item(link) for link in s.links
                                                  if is_staff or not link.staff_only]}
                    for s in entry.sections]
        return {"entry": entry, "sections": sections, "wide": len(entry.sections) > 2,
                "current": any(link["current"] for s in sections for link in s["links"])}

    return render_to_string("includes/_mainnav.html", {"items": [item(entry) for entry in menu]})


@receiver(setting_changed)
def _forget(*, setting, **kwargs):
    """Tests that swap URLconfs, templates or languages get a freshly rendered menu."""
    if setting in {"ROOT_URLCONF", "TEMPLATES", "LANGUAGES", "LANGUAGE_CODE", "INSTALLED_APPS"}:
        _reverse.cache_clear()
        _menu_html.cache_clear()
