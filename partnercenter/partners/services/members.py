"""组织成员: the main account adds people to its organisation, changes their role, disables them.

A new member gets no password from anyone: the e-mail carries a one-time link to set it (Django's password
reset token, valid for PASSWORD_RESET_TIMEOUT)."""
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from partnercenter.notifications.services import notify
from partnercenter.stored_text import stored

from ..models import Partner, User


def _require_main_account(actor: User, partner: Partner):
    if not (actor.is_main_account and actor.partner_id == partner.pk):
        raise PermissionDenied(_("只有伙伴主账号可以管理组织成员。"))


def set_password_path(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)})


def member_create(*, partner: Partner, actor: User, username: str, full_name: str, email: str,
                  role: str, phone: str = "") -> User:
    """Add a member; they receive an e-mail with a link to set their own password."""
    _require_main_account(actor, partner)
    if role == User.Role.MAIN:
        raise ValidationError({"role": _("每个伙伴只有一个主账号，新成员不能设为主账号。")})
    with transaction.atomic():
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError({"username": _("该用户名已被使用。")})
        member = User(partner=partner, username=username, full_name=full_name, email=email, role=role, phone=phone)
        member.set_unusable_password()
        member.full_clean()
        member.save()
        title = stored(gettext_noop("欢迎加入%(partner)s的伙伴中心，请设置登录密码"), {"partner": partner.name})
        notify(recipients=[member], title=title,
               body=stored(gettext_noop("%(actor)s 已将您添加为%(role)s。点击链接设置密码后即可登录。"), {
                   "actor": actor.display_name, "role": member.get_role_display}),
               url=set_password_path(member))
    return member


def member_update(*, member_id: int, actor: User, role: str, is_active: bool) -> User:
    """Change a member's role or disable/enable them. The main account itself cannot be demoted or disabled."""
    with transaction.atomic():
        member = User.objects.select_for_update().get(pk=member_id)
        _require_main_account(actor, member.partner)
        if member.pk == actor.pk or member.role == User.Role.MAIN:
            raise ValidationError(_("不能修改主账号自身的角色或状态。"))
        if role == User.Role.MAIN:
            raise ValidationError({"role": _("每个伙伴只有一个主账号，新成员不能设为主账号。")})
        if not is_active and member.customer_assignments.filter(ends_on__isnull=True).exists():
            raise ValidationError(_("该成员仍管理客户，请先在“客户分配”中将其客户分配给其他客户经理。"))
        if role != User.Role.CUSTOMER_MANAGER and member.customer_assignments.filter(ends_on__isnull=True).exists():
            raise ValidationError({"role": _("该成员仍管理客户，请先将其客户分配给其他客户经理。")})
        member.role = role
        member.is_active = is_active
        member.full_clean()
        member.save(update_fields=["role", "is_active"])
    return member
