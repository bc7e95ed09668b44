from django.conf import settings

from partnercenter.nav import menu_for


def portal(request):
    """Menu and unread-notification count for the page header (one COUNT query per page)."""
    user = getattr(request, "user", None)
    context = {"site_name": settings.SITE_NAME, "menu": ()}
    if user is not None and user.is_authenticated:
        from partnercenter.notifications.models import Notification

        context["menu"] = menu_for(user)
        context["unread_count"] = Notification.objects.for_user(user).unread().count()
    return context
