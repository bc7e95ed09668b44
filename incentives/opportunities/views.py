"""销售 > 机会点管理 > 机会点激励申请: the process bar and the two tabs (待申请激励 / 已申请激励), read-only for now
(the apply/edit/review pages are the next increment; the services are complete)."""
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from partnercenter.partners.models import Opportunity

from .models import OpportunityApplication

S = OpportunityApplication.Status


@login_required
def opportunity_list(request):
    tab = "applied" if request.GET.get("tab") == "applied" else "pending"
    applications = OpportunityApplication.objects.for_user(request.user).select_related("opportunity__customer")
    counts = {s: applications.filter(status=s).count() for s in (S.PUBLICITY, S.PAYABLE, S.COMPLETED)}
    if tab == "pending":
        rows = (Opportunity.objects.for_user(request.user).incentive_applicable(timezone.localdate())
                .filter(incentive_applications__isnull=True).select_related("customer").order_by("-delivery_ends_on"))
        status = q = ""
    else:
        status = request.GET.get("status", "")
        q = request.GET.get("q", "").strip()[:100]
        rows = applications.search(q)
        if status in S.values:
            rows = rows.filter(status=status)
    page = Paginator(rows, 20).get_page(request.GET.get("page"))
    return render(request, "opportunities/opportunity_list.html", {
        "tab": tab, "page_obj": page, "rows": page.object_list, "status": status, "q": q,
        "status_choices": S.choices, "counts": counts, "can_apply": request.user.is_main_account})
