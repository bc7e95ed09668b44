from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from partnercenter.pages import object_view
from partnercenter.tenancy import get_for_user_or_404

from .models import Notification
from .services import notification_mark_read


@login_required
def notification_list(request):
    notes = Notification.objects.for_user(request.user)
    if request.GET.get("unread"):
        notes = notes.unread()
    page = Paginator(notes, 20).get_page(request.GET.get("page"))
    return render(request, "notifications/notification_list.html", {"page_obj": page,
                                                                       "unread_only": bool(request.GET.get("unread"))})


@require_POST
@login_required
@object_view(Notification)
def notification_open(request, pk):
    note = get_for_user_or_404(Notification, request.user, pk=pk)
    notification_mark_read(user=request.user, notification_id=note.pk)
    target = note.url if note.url and url_has_allowed_host_and_scheme(note.url, allowed_hosts=None) else None
    return redirect(target or "notifications:list")


@require_POST
@login_required
def notification_read_all(request):
    notification_mark_read(user=request.user)
    return redirect("notifications:list")
