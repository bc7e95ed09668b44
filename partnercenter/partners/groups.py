"""Vendor staff groups and their Django permissions, kept in code and applied after every migrate."""
from django.utils.translation import gettext_lazy as _

from .models import ECOSYSTEM_MANAGER_GROUP, OPERATOR_GROUP

# app_label -> models the group may view ("*": every model of the app); OPERATOR also changes/adds the ones in
# OPERATOR_CHANGES / OPERATOR_ADDS. Workflow states never change in the admin: decisions are admin actions or
# review pages calling the services, so the wings' applications need no change permission here.
WING_APPS = ["incentives", "opportunities", "fh", "payments", "vouchers", "renewals"]
VIEWABLE = {
    "partners": ["partner", "user", "customer", "customerassignment", "servicetype", "product", "order",
                 "consumptionline", "realnameapplication", "businessinfoapplication", "certifiedbusinessinfo",
                 "opportunity"],
    **{app: ["*"] for app in WING_APPS},
    "workflow": ["transitionlog", "deadline"],
    "workdays": ["calendaryear", "calendarday"],
}
OPERATOR_CHANGES = {
    "partners": ["partner", "customer", "servicetype", "product", "order", "consumptionline",
                 "realnameapplication", "businessinfoapplication", "opportunity"],
    "workdays": ["calendaryear", "calendarday"],
    "incentives": ["incentivepolicy"],
    "fh": ["certifiedexpert"],
    "vouchers": ["mdfbudget"],
}
OPERATOR_ADDS = {
    "partners": ["customer", "servicetype", "product", "order", "consumptionline", "opportunity"],
    "workdays": ["calendaryear", "calendarday"],
    "incentives": ["incentivepolicy"],
    "fh": ["certifiedexpert"],
    "vouchers": ["mdfbudget"],
}
DESCRIPTIONS = {
    OPERATOR_GROUP: _("华为云运营专员：审核认证申请，导入订单与消费，维护工作日历"),
    ECOSYSTEM_MANAGER_GROUP: _("生态经理：查看伙伴数据，接收逾期升级通知"),
}


def _codenames(spec: dict, action: str):
    return [(app, f"{action}_{model}") for app, models in spec.items() for model in models]


def _permissions(permission_model, app: str, codename: str):
    action, _sep, model = codename.partition("_")
    found = permission_model.objects.filter(content_type__app_label=app)
    if model == "*":
        return found.filter(codename__startswith=f"{action}_")
    return found.filter(codename=codename)


def ensure_vendor_groups(**kwargs):
    """post_migrate receiver: create the groups and (re)grant exactly the declared permissions."""
    from django.contrib.auth.models import Group, Permission

    wanted = {
        OPERATOR_GROUP: _codenames(VIEWABLE, "view") + _codenames(OPERATOR_CHANGES, "change")
        + _codenames(OPERATOR_ADDS, "add"),
        ECOSYSTEM_MANAGER_GROUP: _codenames(VIEWABLE, "view"),
    }
    for name, pairs in wanted.items():
        group, _created = Group.objects.get_or_create(name=name)
        permissions = [
            permission
            for app, codename in pairs
            for permission in _permissions(Permission, app, codename)
        ]
        group.permissions.set(permissions)
