"""{% load payments %} {% payment_panel obj %}: a payable source's payment box on its own detail page.

Shows the payment pre-flight (what blocks payment now and what to do), the 申请付款 button when nothing blocks,
and once requested the payment request's code, status and link. Source detail pages include it; the payments
wing renders it.
"""
from django import template

register = template.Library()


@register.inclusion_tag("payments/_payment_panel.html", takes_context=True)
def payment_panel(context, obj):
    from payments.readiness import readiness_for

    request = context.get("request")
    user = getattr(request, "user", None)
    try:
        readiness = readiness_for(obj)
    except LookupError:  # the source's wing has not registered it (yet): show no panel rather than fail the page
        return {"obj": obj, "request": request, "readiness": None}
    paid = None
    if readiness.request is None:
        from payments import sources
        from payments.models import PaymentRequest

        kind = sources.for_object(obj).kind
        paid = PaymentRequest.objects.for_source(kind, obj.pk).filter(status=PaymentRequest.Status.PAID).first()
        last_closed = (PaymentRequest.objects.for_source(kind, obj.pk).filter(status__in=PaymentRequest.CLOSED)
                       .order_by("-pk").first())
    else:
        last_closed = None
    can_pay = bool(user and user.is_authenticated and user.partner_id and user.role in ("main", "finance"))
    return {"obj": obj, "request": request, "readiness": readiness, "payment": readiness.request or paid,
            "last_closed": last_closed, "can_pay": can_pay}
