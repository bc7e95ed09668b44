"""What the two task detail pages share: who handles the task, 处理记录, and naming a distributor's handler."""
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from partnercenter.pages import REFUSALS, flash_refusal
from partnercenter.tenancy import get_for_user_or_404

from .. import selectors, services
from ..forms import HandlerForm


def handling_context(request, task, *, follow_up_form_class, follow_ups, process_url, form=None,
                     handler_form=None) -> dict:
    """Context of the shared detail template (templates/renewals/_task_detail_base.html)."""
    user = request.user
    handler = task.handler_partner()
    can_handle = task.can_handle(user) and task.is_open
    can_assign = (task.is_reseller_task and task.is_open and user.is_authenticated
                  and user.is_main_account and user.partner_id == handler.pk)
    if can_assign and handler_form is None:
        current = selectors.distributor_handler_of(task.customer)
        handler_form = HandlerForm(people=selectors.handler_choices(handler),
                                   initial={"manager": current.manager_id if current else None})
    return {
        "task": task,
        "handler": handler,
        "can_handle": can_handle,
        "form": form or (follow_up_form_class() if can_handle else None),
        "follow_ups": follow_ups,
        "process_url": process_url,
        "read_only_notice": not can_handle and task.is_open and bool(user.partner_id),
        "can_assign_handler": can_assign,
        "handler_form": handler_form if can_assign else None,
    }


def assign_handler(request, model, pk):
    """POST of the 指定处理人 dialog: scoped lookup (404 for others), then the service decides."""
    task = get_for_user_or_404(model, request.user, pk=pk)
    form = HandlerForm(request.POST, people=selectors.handler_choices(task.handler_partner()))
    if not form.is_valid():
        messages.error(request, _("请选择处理人。"))
        return redirect(task.get_absolute_url())
    try:
        services.distributor_handler_assign(customer_id=task.customer_id, manager=form.cleaned_data["manager"],
                                            actor=request.user)
    except REFUSALS as exc:
        flash_refusal(request, exc)
    else:
        messages.success(request, _("已指定处理人：%(name)s。") % {"name": form.cleaned_data["manager"].display_name})
    return redirect(task.get_absolute_url())
