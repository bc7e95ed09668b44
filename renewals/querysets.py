"""Scoping and the questions asked of renewal tasks.

A task belongs to the customer's partner. On top of the platform's default-deny scoping:

* a customer manager sees the tasks of the customers currently assigned to them;
* a master distributor (总经销商) also sees — and handles — the tasks of its cloud resellers' (云经销商)
  customers: its main accounts all of them, its customer managers those of the sub-customers the main account
  named them handler of (models/handlers.py); the reseller keeps read-only sight of its own (see
  `HandledTask.can_handle`).
"""
import datetime as dt

from django.db.models import Exists, OuterRef, Q

from partnercenter.tenancy import PartnerScopedQuerySet

OPEN_STATUSES = ("pending", "in_progress")


def _distributor_scope(user, partner_lookup: str) -> Q:
    """Rows of the user's own partner, plus its resellers' rows when the user's partner is a distributor."""
    own = Q(**{partner_lookup: user.partner_id})
    if user.partner.partner_type == "distributor":
        distributor_lookup = partner_lookup.removesuffix("_id") + "__distributor_id"
        own |= Q(**{distributor_lookup: user.partner_id})
    return own


class RenewalTaskQuerySet(PartnerScopedQuerySet):
    def for_user(self, user):
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_vendor_staff:
            return self
        if not user.partner_id:
            return self.none()
        queryset = self.filter(_distributor_scope(user, "partner_id"))
        if user.is_customer_manager:
            queryset = queryset.managed_by(user)
        return queryset

    def managed_by(self, user):
        """Tasks of the customers `user` manages: assigned to them (客户分配), named by their distributor as the
        handler of a reseller's sub-customer (DistributorHandler), or already carrying them as manager."""
        from partnercenter.partners.models import CustomerAssignment

        from .models.handlers import DistributorHandler

        current = CustomerAssignment.objects.filter(customer=OuterRef("customer_id"), ends_on__isnull=True,
                                                    manager=user)
        handled = DistributorHandler.objects.filter(customer=OuterRef("customer_id"), manager=user)
        return self.filter(Q(manager=user) | Exists(current) | Exists(handled))

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today: dt.date):
        return self.open().filter(deadline__lt=today)

    def not_overdue(self, today: dt.date):
        return self.exclude(pk__in=self.overdue(today).values("pk"))

    def renewed(self):
        return self.filter(renewed_amount__gt=0)

    def not_renewed(self):
        return self.filter(renewed_amount=0)

    def expiring_on_or_after(self, day: dt.date):
        return self.filter(expires_on__gte=day)

    def expiring_on_or_before(self, day: dt.date):
        return self.filter(expires_on__lte=day)

    def expiring_within(self, *, today: dt.date, days: int):
        return self.open().filter(expires_on__gte=today, expires_on__lte=today + dt.timedelta(days=days))

    def search(self, term: str):
        term = (term or "").strip()
        if not term:
            return self
        query = (Q(name__icontains=term) | Q(customer__name__icontains=term)
                 | Q(customer__account_name__icontains=term) | Q(order__order_no__icontains=term))
        if term.isdigit():
            query |= Q(pk=int(term))
        return self.filter(query)


class FollowUpQuerySet(PartnerScopedQuerySet):
    partner_lookup = "task__partner_id"

    def for_user(self, user):
        from .models import RenewalTask

        return self.filter(task__in=RenewalTask.objects.for_user(user).values("pk"))


class RenewalExportQuerySet(PartnerScopedQuerySet):
    def for_user(self, user):
        """An export is its requester's: it holds exactly the rows that person may see."""
        return super().for_user(user).filter(requested_by=user) if user and user.is_authenticated else self.none()




class SalesTaskQuerySet(RenewalTaskQuerySet):
    """Same scope as renewal tasks (customer's partner, distributor over resellers, managers' own customers)."""

    def search(self, term: str):
        term = (term or "").strip()
        if not term:
            return self
        return self.filter(Q(name__icontains=term) | Q(customer__name__icontains=term))


class SalesFollowUpQuerySet(PartnerScopedQuerySet):
    partner_lookup = "task__partner_id"

    def for_user(self, user):
        from .models import SalesTask

        return self.filter(task__in=SalesTask.objects.for_user(user).values("pk"))
