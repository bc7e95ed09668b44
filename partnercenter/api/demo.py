"""Demo access keys: one for alice (main account of the first demo partner), one for a customer of hers.

Idempotent: a key is created only when its owner has none. The secrets are printed once (demo only) so the
API can be tried with the official SDK against runserver.
"""
from partnercenter.partners.models import Customer, User

from .models import AccessKey
from .services import access_key_create


def build(stdout) -> None:
    created = []
    alice = User.objects.filter(username="alice").first()
    if alice is not None and not AccessKey.objects.filter(user=alice).exists():
        created.append(access_key_create(user=alice, description="演示：ERP 系统对接"))
    customer = Customer.objects.filter(partner_id=getattr(alice, "partner_id", None)).order_by("pk").first()
    if customer is not None and not AccessKey.objects.filter(customer=customer).exists():
        created.append(access_key_create(customer=customer, description="演示：客户续费询价"))
    if stdout is None:
        return
    stdout.write(f"  api: {AccessKey.objects.count()} 访问密钥 (+{len(created)} new)\n")
    for key, secret in created:
        stdout.write(f"    {key.access_key} {secret}  domain_id={key.domain_id}\n")
