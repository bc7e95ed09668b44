from django.conf import settings

from partnercenter.nav import menu_for


def portal(request):
    """Menu and unread-notification count for the page header (the count comes with the user from the login
    backend, partnercenter.partners.auth; other ways of loading the user pay one COUNT query)."""
    user = getattr(request, "user", None)
    context = {"site_name": settings.SITE_NAME, "menu": ()}
    if user is not None and user.is_authenticated:
        from partnercenter.notifications.models import Notification

        context["menu"] = menu_for(user)
        unread = getattr(user, "unread_notifications", None)
        context["unread_count"] = (unread if unread is not None
                                   else Notification.objects.for_user(user).unread().count())
    return context
