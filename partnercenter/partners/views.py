from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.generic import DetailView

# Placeholder views: replaced in the next commit.


@login_required
def _todo(request, *args, **kwargs):
    return HttpResponse("todo")


profile = development_path = member_list = customer_assign = realname = realname_licence = _todo
realname_resubmit = realname_withdraw = businessinfo = businessinfo_apply = _todo
businessinfo_resubmit = businessinfo_withdraw = _todo


class CustomerListView(DetailView):
    pass


CustomerDetailView = OrderDetailView = RealNameDetailView = BusinessInfoDetailView = CustomerListView
