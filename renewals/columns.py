"""The columns a person may choose on the 大单续订任务 list (任务ID, 任务名称 and 操作 are always shown)."""
from django.utils.translation import gettext_lazy as _

from .models import ColumnPreference

TABLE = "renewal_tasks"

COLUMNS = (
    ("customer", _("客户名称/账号")),
    ("order", _("订单号")),
    ("product", _("产品")),
    ("paid_amount", _("实付金额")),
    ("expires_at", _("订单失效时间")),
    ("renewal_rate", _("金额续费率")),
    ("renewed", _("是否续订")),
    ("manager", _("客户经理")),
    ("status", _("任务状态")),
    ("overdue", _("是否逾期")),
    ("deadline", _("任务截止日期")),
    ("incentive", _("续订可得激励")),
    ("next_follow_up", _("下次跟进")),
)
KEYS = [key for key, _label in COLUMNS]
DEFAULT = ["customer", "order", "paid_amount", "expires_at", "renewal_rate", "renewed", "manager",
           "status", "overdue"]


def columns_for(user) -> list[str]:
    stored = ColumnPreference.objects.filter(user=user, table=TABLE).values_list("columns", flat=True).first()
    chosen = [key for key in KEYS if key in set(stored or [])]
    return chosen or list(DEFAULT)
