import pytest

from tests.builders import certify_business_info, verify_real_name


@pytest.fixture
def ready_partner(partner_a, alice, operator):
    """Partner A with 实名认证 and 商业信息认证 done: nothing on the platform side blocks payment."""
    verify_real_name(partner_a, alice, operator)
    certify_business_info(partner_a, alice, operator)
    partner_a.refresh_from_db()
    return partner_a
