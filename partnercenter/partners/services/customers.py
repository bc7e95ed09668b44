"""客户分配: the main account assigns customers to customer managers, keeping every management period."""
import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from partnercenter.notifications.services import notify
from partnercenter.stored_text import stored

from ..models import Customer, CustomerAssignment, User


def customer_assign(*, customer_id: int, manager: User, actor: User, on: dt.date | None = None) -> CustomerAssignment:
    """Make `manager` the customer's manager from `on` (today): the current period ends, a new one starts.

    Consumption and performance before `on` stay with the previous manager (their period is kept).
    """
    on = on or timezone.localdate()
    with transaction.atomic():
        customer = Customer.objects.select_for_update().select_related("partner").get(pk=customer_id)
        if not (actor.is_vendor_staff or (actor.is_main_account and actor.partner_id == customer.partner_id)):
            raise PermissionDenied(_("只有伙伴主账号可以分配客户。"))
        if manager.partner_id != customer.partner_id or not manager.is_active or manager.role not in (
            User.Role.CUSTOMER_MANAGER, User.Role.MAIN
        ):
            raise ValidationError({"manager": _("请选择本伙伴在职的客户经理。")})
        current = CustomerAssignment.objects.filter(customer=customer, ends_on__isnull=True).first()
        if current is not None:
            if current.manager_id == manager.pk:
                raise ValidationError({"manager": _("该客户已由%(name)s管理。") % {"name": manager.display_name}})
            if on < current.starts_on:
                raise ValidationError(_("分配日期不能早于当前管理期的开始日期 %(day)s。") % {"day": current.starts_on})
            if on == current.starts_on:
                # Reassigned on the day it started: the short-lived period is replaced, not kept as empty.
                current.manager = manager
                current.assigned_by = actor
                current.full_clean()
                current.save(update_fields=["manager", "assigned_by"])
                assignment = current
            else:
                current.ends_on = on
                current.save(update_fields=["ends_on"])
                current = None
        if current is None:
            assignment = CustomerAssignment(customer=customer, manager=manager, starts_on=on, assigned_by=actor)
            assignment.full_clean()
            assignment.save()
        notify(recipients=[manager], title=stored(gettext_noop("您有新分配的客户：%(name)s"), {"name": customer.name}),
               url=customer.get_absolute_url())
    return assignment

