"""快捷注册新账号: a company registers organisation + main account; the account stays inactive until the
e-mail link is clicked. The link is signed, valid 24 h, and works once (its hash covers is_active)."""
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from ..models import Partner, RealNameApplication, ReviewStatus, User
from ..models.certification import credit_code_validator

SALT = "partners.onboarding.signup"
MAX_AGE = 24 * 3600


def _state_hash(user: User) -> str:
    return salted_hmac(SALT, f"{user.pk}|{user.is_active}|{user.password}|{user.last_login}").hexdigest()[:20]


def verification_token(user: User) -> str:
    return signing.TimestampSigner(salt=SALT).sign_object({"u": user.pk, "h": _state_hash(user)})


def verification_path(user: User) -> str:
    return f"{reverse('partners:signup-verify')}?token={verification_token(user)}"


def credit_code_taken(code: str) -> bool:
    return (Partner.objects.filter(credit_code__iexact=code).exists()
            or RealNameApplication.objects.filter(credit_code__iexact=code, status=ReviewStatus.PENDING).exists())


def signup(*, username: str, full_name: str, email: str, password: str, company_name: str,
           credit_code: str, phone: str = "") -> User:
    """Create the partner (solution provider, registered level) and its inactive main account; mail the link."""
    credit_code = (credit_code or "").strip().upper()
    errors = {}
    try:
        credit_code_validator(credit_code)
    except ValidationError as exc:
        errors["credit_code"] = exc.messages
    with transaction.atomic():
        if credit_code and "credit_code" not in errors and credit_code_taken(credit_code):
            errors["credit_code"] = [_("该统一社会信用代码已注册伙伴账号。如需提升等级，请使用原账号登录，"
                                       "或联系贵公司主账号管理员。")]
        if User.objects.filter(username__iexact=username).exists():
            errors["username"] = [_("该用户名已被使用。")]
        if User.objects.filter(email__iexact=email, is_active=True).exists():
            errors["email"] = [_("该邮箱已被其他账号使用。")]
        user = User(username=username, full_name=full_name, email=email, phone=phone, role=User.Role.MAIN,
                    is_active=False)
        try:
            validate_password(password, user)
        except ValidationError as exc:
            errors["password1"] = exc.messages
        if errors:
            raise ValidationError(errors)
        partner = Partner(name=company_name.strip(), partner_type=Partner.Type.SOLUTION_PROVIDER,
                          credit_code=credit_code)
        partner.full_clean()
        partner.save()
        user.partner = partner
        user.set_password(password)
        user.full_clean()
        user.save()
        link = f"{settings.SITE_URL}{verification_path(user)}"
        transaction.on_commit(lambda: send_mail(
            _("请验证您的邮箱，完成伙伴中心注册"),
            _("您好，%(name)s：\n\n请点击以下链接激活%(company)s的伙伴中心主账号（24小时内有效，仅可使用一次）：\n%(link)s\n")
            % {"name": full_name, "company": partner.name, "link": link},
            None, [email]))
    return user


def verify(token: str) -> User:
    """Activate the account the token names; ValidationError when the link is bad, expired or already used."""
    try:
        data = signing.TimestampSigner(salt=SALT).unsign_object(token or "", max_age=MAX_AGE)
    except signing.SignatureExpired as exc:
        raise ValidationError(_("验证链接已过期，请重新注册或联系运营人员。")) from exc
    except signing.BadSignature as exc:
        raise ValidationError(_("验证链接无效。")) from exc
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=data.get("u")).first()
        if user is None or user.is_active or not constant_time_compare(_state_hash(user), str(data.get("h"))):
            raise ValidationError(_("验证链接已使用或已失效。"))
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user
