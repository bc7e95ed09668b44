from django.db import models

from partnercenter.tenancy import PartnerScopedQuerySet


class TransitionLogQuerySet(models.QuerySet):
    def for_subject(self, obj):
        """The audit rows of one object (object ids alone collide across models)."""
        from django.contrib.contenttypes.models import ContentType

        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


class DeadlineQuerySet(PartnerScopedQuerySet):
    def open(self):
        return self.filter(status="open")

    def for_subject(self, obj):
        from django.contrib.contenttypes.models import ContentType

        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)

    def due_by(self, day):
        return self.open().filter(due_on__lte=day)

    def past_due(self, today):
        return self.open().filter(due_on__lt=today)

    def waiting_on_partner(self):
        return self.open().filter(owner="partner")

    def waiting_on_vendor(self):
        return self.open().filter(owner="vendor")

    def by_urgency(self):
        return self.order_by("due_on", "pk")

