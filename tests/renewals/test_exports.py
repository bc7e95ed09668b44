"""导出: created by a person, built by the background task, downloaded from the export list."""
import pytest
from django.urls import reverse

from renewals.models import RenewalExport
from tests.factories import CustomerFactory
from tests.renewals.helpers import expiring_order, generate

pytestmark = pytest.mark.django_db
EXPORTS = reverse("renewals:export-list")


@pytest.fixture
def tasks(alice, bob):
    expiring_order(customer=CustomerFactory(partner=alice.partner), order_no="AEXPORT-1")
    expiring_order(customer=CustomerFactory(partner=bob.partner), order_no="BEXPORT-1")
    generate()


def test_export_runs_in_the_background_and_downloads_own_rows(client_alice, alice, tasks,
                                                              django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_alice.post(EXPORTS, {"expires_from": "2026-11-01", "expires_to": "2026-11-30"},
                                     follow=True)
    assert "导出任务创建成功" in response.content.decode()
    export = RenewalExport.objects.get()
    assert export.status == RenewalExport.Status.READY
    assert export.row_count == 1
    download = client_alice.get(reverse("renewals:export-download", args=[export.pk]))
    assert download.status_code == 200
    content = b"".join(download.streaming_content).decode("utf-8-sig")
    assert "AEXPORT-1" in content and "BEXPORT-1" not in content
    assert content.splitlines()[0].startswith("任务ID,任务名称")


@pytest.mark.parametrize(("start", "end", "message"), [
    ("2026-01-01", "2026-07-01", "最多导出 6 个月"),
    ("2026-05-01", "2026-04-30", "结束日期不能早于开始日期"),
])
def test_export_range_is_checked(client_alice, tasks, start, end, message):
    response = client_alice.post(EXPORTS, {"expires_from": start, "expires_to": end})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not RenewalExport.objects.exists()


def test_six_months_exactly_is_allowed(client_alice, tasks):
    response = client_alice.post(EXPORTS, {"expires_from": "2026-01-01", "expires_to": "2026-06-30"})
    assert response.status_code == 302


def test_exports_are_private_to_their_requester(client, alice, andy, tasks):
    from renewals.exports import renewal_export_build, renewal_export_create

    export = renewal_export_create(user=alice, expires_from=generate_day(), expires_to=generate_day())
    renewal_export_build(export_id=export.pk)
    client.force_login(andy)
    assert client.get(reverse("renewals:export-download", args=[export.pk])).status_code == 404
    assert reverse("renewals:export-download", args=[export.pk]) not in client.get(EXPORTS).content.decode()


def test_building_twice_is_harmless(alice, tasks):
    from renewals.exports import renewal_export_build, renewal_export_create

    export = renewal_export_create(user=alice, expires_from=generate_day(), expires_to=generate_day())
    assert renewal_export_build(export_id=export.pk).row_count == 1
    assert renewal_export_build(export_id=export.pk) is None


def generate_day():
    import datetime as dt

    return dt.date(2026, 11, 20)


def test_formula_like_text_is_neutralised(alice):
    from renewals.exports import _cell

    assert _cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert _cell("客户") == "客户"
    assert _cell(None) == ""
