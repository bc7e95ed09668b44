"""Access key transitions: create (the secret is returned once, stored encrypted), disable, enable, delete."""
import secrets
import string

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .crypto import encrypt_secret
from .models import AccessKey

MAX_KEYS_PER_OWNER = 2  # as Huawei IAM: at most two access keys per user
AK_ALPHABET = string.ascii_uppercase + string.digits


def _new_ak() -> str:
    return "".join(secrets.choice(AK_ALPHABET) for _ in range(20))


def _new_sk() -> str:
    return "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(40))


@transaction.atomic
def access_key_create(*, user=None, customer=None, description: str = "") -> tuple[AccessKey, str]:
    """Create a key for exactly one owner; returns (key, plaintext secret) — the secret is never shown again."""
    if (user is None) == (customer is None):
        raise ValueError("exactly one of user/customer")
    if user is not None and not user.partner_id:
        raise ValidationError(_("只有伙伴账号的用户才能创建访问密钥。"))
    owner_filter = {"user": user} if user is not None else {"customer": customer}
    # Lock the owner's existing keys so two concurrent creates cannot both pass the limit.
    existing = list(AccessKey.objects.select_for_update().filter(**owner_filter))
    if len(existing) >= MAX_KEYS_PER_OWNER:
        raise ValidationError(
            _("每个用户最多可创建 %(n)d 个访问密钥，请先删除不用的密钥。") % {"n": MAX_KEYS_PER_OWNER})
    secret = _new_sk()
    key = AccessKey(
        partner_id=user.partner_id if user is not None else customer.partner_id,
        user=user, customer=customer, access_key=_new_ak(), secret_encrypted=encrypt_secret(secret),
        description=description.strip(),
    )
    key.full_clean()
    key.save()
    return key, secret


def _check_may_manage(actor, key: AccessKey) -> None:
    if key.user_id == actor.pk:
        return
    if actor.is_main_account and key.partner_id == actor.partner_id:
        return
    raise PermissionDenied(_("您只能管理自己的访问密钥。"))


@transaction.atomic
def access_key_set_status(*, actor, key_id: int, status: str) -> AccessKey:
    key = AccessKey.objects.select_for_update().get(pk=key_id)
    _check_may_manage(actor, key)
    if key.status == status:
        raise ValidationError(_("该访问密钥已是“%(s)s”状态。") % {"s": key.get_status_display()})
    key.status = status
    key.full_clean()
    key.save(update_fields=["status"])
    return key


def access_key_disable(*, actor, key_id: int) -> AccessKey:
    return access_key_set_status(actor=actor, key_id=key_id, status=AccessKey.Status.DISABLED)


def access_key_enable(*, actor, key_id: int) -> AccessKey:
    return access_key_set_status(actor=actor, key_id=key_id, status=AccessKey.Status.ACTIVE)


@transaction.atomic
def access_key_delete(*, actor, key_id: int) -> None:
    key = AccessKey.objects.select_for_update().get(pk=key_id)
    _check_may_manage(actor, key)
    key.delete()
