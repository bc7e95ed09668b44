"""Admin for partners, people, customers, orders, consumption and the certification applications.

The admin is the vendor's back office, not a second way around the services:
* certification applications are read-only here; "审核通过" / "审核不通过" are admin actions calling the review
  services (the same ones the portal review page calls), so the audit trail and notifications happen;
* customer assignments (management periods) are read-only: `services.customer_assign` keeps periods consistent;
* orders and consumption come in through the "导入" pages (`partners.imports`), all rows or none. Reference data
  (partners, customers, products, single orders) may still be corrected in place, which is what the admin is for.
"""
from . import certification, commerce, people  # noqa: F401 - each module registers its admins
