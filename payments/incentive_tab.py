"""激励管理 > 申请记录 tab: the partner's payment requests for incentives (filled in by the payments wing)."""
from django.utils.translation import gettext_lazy as _

from partnercenter.views import coming_soon


def application_list(request):
    return coming_soon(request, title=_("申请记录"), section=_("销售 / 激励 / 激励管理"), issue="#6")
