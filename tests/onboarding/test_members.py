"""The member bullet: invitations exist in the platform; here the guards that matter for onboarding."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from partnercenter.partners import services
from partnercenter.partners.models import User

pytestmark = pytest.mark.django_db


def test_member_cannot_raise_their_own_role(client, andy, alice):
    with pytest.raises(PermissionDenied):
        services.member_update(member_id=andy.pk, actor=andy, role=User.Role.MAIN, is_active=True)
    client.force_login(andy)
    response = client.post(reverse("partners:member-edit", args=[andy.pk]), {"role": "finance", "is_active": "on"})
    andy.refresh_from_db()
    assert andy.role == User.Role.CUSTOMER_MANAGER
    assert response.status_code in (302, 403, 404)


def test_main_account_cannot_demote_itself(alice):
    with pytest.raises(ValidationError):
        services.member_update(member_id=alice.pk, actor=alice, role=User.Role.FINANCE, is_active=True)


def test_new_member_cannot_become_main(alice):
    with pytest.raises(ValidationError):
        services.member_update(member_id=alice.pk, actor=alice, role=User.Role.MAIN, is_active=True)
