"""Pages of 销售 > 拓新 > 营销任务: the 大单续订任务 tab (renewal) and the 销售拓展任务 tab (sales)."""
from .renewal import (  # noqa: F401
    RenewalTaskDetailView,
    columns_save,
    export_download,
    export_list,
    task_handler,
    task_list,
    task_process,
)
from .sales import (  # noqa: F401
    SalesTaskDetailView,
    sales_task_create,
    sales_task_handler,
    sales_task_list,
    sales_task_process,
)
