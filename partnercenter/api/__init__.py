"""Partner API compatible with Huawei Cloud BSS (huaweicloudsdkbss 3.1.219), signed with SDK-HMAC-SHA256.

* Access keys: `api:accesskey-list` (/partner/access-keys/), `manage.py create_access_key USERNAME`
  or `--customer CUSTOMER_ID`; the SK is stored encrypted (crypto.py) and shown once.
* Operations (bss/): 查询客户列表, 查询产品的折扣和激励策略, 查询客户包年/包月资源列表, 续费询价 (with the
  customer's optional discounts 605/606/607, bss/discounts.py, CustomerDiscount in the admin), and the five
  partner-coupon operations over the vouchers wing (bss/coupons.py); `indirect_partner_id` lets a distributor
  act for its own resellers (bss/acting.py). The OpenAPI document is served at /v2/openapi.json (`api:openapi`).
* Authentication (auth.py): exactly the SDK's canonical request; X-Sdk-Date skew ≤ 15 min; optional
  X-Domain-Id must be the key's account (partner domain_id, or the customer's customer_id for customer keys).
"""
