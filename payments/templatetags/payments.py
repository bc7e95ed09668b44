"""{% load payments %} {% payment_panel obj %}: a payable source's payment box on its own detail page.

Shows the payment pre-flight (what blocks payment now and what to do), the 申请付款 button when nothing blocks,
and once requested the payment request's code, status and link. Source detail pages include it; the payments
wing renders it.
"""
from django import template

register = template.Library()


@register.inclusion_tag("payments/_payment_panel.html", takes_context=True)
def payment_panel(context, obj):
    return {"obj": obj, "request": context.get("request")}
