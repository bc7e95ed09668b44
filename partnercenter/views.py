"""Project-level pages: home (to-do list), coming-soon placeholders, health checks."""
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from partnercenter.dashboard import panels_for
from partnercenter.todo import todo_items_for


@login_required
def home(request):
    from partnercenter.partners.selectors import partner_overview

    context = {"todo_items": todo_items_for(request.user), "panels": panels_for(request.user)}
    if request.user.partner_id:
        context["overview"] = partner_overview(partner=request.user.partner)
    return render(request, "home.html", context)


@login_required
def coming_soon(request, *, title, section, issue=""):
    return render(request, "coming_soon.html", {"title": title, "section": section, "issue": issue})


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """Ready to serve: the database answers and is fully migrated, the cache and the Celery broker answer."""
    from partnercenter.ops.readiness import readiness_checks

    checks = readiness_checks()
    ready = all(result == "ok" for result in checks.values())
    return JsonResponse({"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503)
