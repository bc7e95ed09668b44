"""Admin for partner organisations and people (partner users and vendor staff)."""
from django import forms
from django.contrib import admin
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import (
    Partner,
    User,
)

# 伙伴与人员 ----------------------------------------------------------------------------------------------


class PartnerAdminForm(forms.ModelForm):
    # No Meta: PartnerAdmin's fieldsets decide the fields (ModelAdmin.get_form builds the Meta).
    def clean(self):
        data = super().clean()
        # Mirrors partners_partner_reseller_has_distributor with a message an operator can act on.
        is_reseller = data.get("partner_type") == Partner.Type.RESELLER
        if is_reseller and not data.get("distributor"):
            self.add_error("distributor", _("云经销商必须选择所属总经销商。"))
        if not is_reseller and data.get("distributor"):
            self.add_error("distributor", _("只有云经销商才有总经销商。"))
        return data


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    form = PartnerAdminForm
    list_display = ["name", "partner_type", "distributor", "level", "path", "stage", "real_name_status",
                    "joined_on"]
    list_filter = ["partner_type", "level", "path", "stage", "real_name_status"]
    search_fields = ["name", "certified_name", "credit_code", "domain_id"]
    list_select_related = ["distributor"]
    autocomplete_fields = ["distributor"]
    # The certified identity is set only by the 实名认证 review (services.realname_approve).
    readonly_fields = ["real_name_status", "certified_name", "credit_code", "created_at"]
    fieldsets = [
        (None, {"fields": ["name", "partner_type", "distributor", "domain_id", "joined_on"]}),
        (gettext_lazy("发展路径与等级"), {"fields": ["path", "stage", "level"]}),
        (gettext_lazy("实名认证"), {"fields": ["real_name_status", "certified_name", "credit_code", "created_at"]}),
    ]


def _check_partner_role(form):
    """Partner users have a role and never reach the admin; vendor staff have neither partner nor role."""
    data = form.cleaned_data
    partner, role = data.get("partner"), data.get("role")
    if partner and not role:
        form.add_error("role", _("伙伴用户必须选择组织角色。"))
    if role and not partner:
        form.add_error("partner", _("设置组织角色时请选择所属伙伴；华为云员工不属于任何伙伴。"))
    if partner and (data.get("is_staff") or data.get("is_superuser")):
        # The admin is not partner-scoped: a partner user with staff status would see every partner's data.
        form.add_error("is_staff", _("伙伴用户不能登录管理后台。"))


class UserChangeForm(auth_forms.UserChangeForm):
    class Meta(auth_forms.UserChangeForm.Meta):
        model = User

    def clean(self):
        data = super().clean()
        _check_partner_role(self)
        return data


class UserCreationForm(auth_forms.AdminUserCreationForm):
    class Meta(auth_forms.AdminUserCreationForm.Meta):
        model = User

    def clean(self):
        data = super().clean()
        _check_partner_role(self)
        return data


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    list_display = ["username", "full_name", "partner", "role", "email", "is_staff", "is_active", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "role", "groups"]
    search_fields = ["username", "full_name", "email", "phone", "partner__name"]
    list_select_related = ["partner"]
    autocomplete_fields = ["partner"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (gettext_lazy("个人信息"), {"fields": ["full_name", "email", "phone"]}),
        (gettext_lazy("所属伙伴"), {"fields": ["partner", "role"],
                                 "description": gettext_lazy("华为云员工不选择伙伴和角色。")}),
        (gettext_lazy("权限"), {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        (gettext_lazy("重要日期"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["username", "usable_password", "password1", "password2"]}),
        (gettext_lazy("个人信息"), {"fields": ["full_name", "email", "phone"]}),
        (gettext_lazy("所属伙伴"), {"fields": ["partner", "role"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]


# 客户与产品 ----------------------------------------------------------------------------------------------
