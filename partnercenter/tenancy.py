"""Tenancy: the one scoping entry point every partner-facing query goes through.

Each scoped model's manager is built from a queryset that subclasses `PartnerScopedQuerySet` and names the
lookup that leads to the owning partner (`partner_lookup`). `for_user(user)` is default-deny:

* anonymous users see nothing;
* vendor staff (operators, ecosystem managers) see every partner's rows;
* partner users see their own organisation's rows only.

Detail views use `get_for_user_or_404`, so another partner's id answers 404 exactly like a missing id
(the same message for "forbidden" and "not found", as Zulip's `access_stream_by_id` does).
"""
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _

SCOPED_MODELS: list[type[models.Model]] = []


class PartnerScopedQuerySet(models.QuerySet):
    partner_lookup = "partner_id"

    def for_user(self, user):
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_vendor_staff:
            return self
        if not user.partner_id:
            return self.none()
        return self.filter(**{self.partner_lookup: user.partner_id})

    def for_partner(self, partner):
        return self.filter(**{self.partner_lookup: getattr(partner, "pk", partner)})


def scoped(model):
    """Class decorator: registers a model as partner-scoped (the tenancy test walks the registry)."""
    if not hasattr(model._default_manager.all(), "for_user"):
        raise TypeError(f"{model.__name__}'s default manager must have a for_user() scoping entry point")
    SCOPED_MODELS.append(model)
    return model


def get_for_user_or_404(queryset_or_model, user, **lookup):
    queryset = queryset_or_model
    if isinstance(queryset_or_model, type):
        queryset = queryset_or_model._default_manager.all()
    try:
        return queryset.for_user(user).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("没有找到该记录。")) from exc
