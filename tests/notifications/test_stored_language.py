"""Notifications are stored as msgid + parameters and read in the reader's language, whoever sent them.

An English-speaking operator's action must not put English text in a Chinese partner's message center or
e-mail; older rows holding plain text keep showing as they are."""
import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_noop

from partnercenter.notifications.models import Notification
from partnercenter.notifications.services import notify
from partnercenter.partners import services as partner_services
from partnercenter.partners.models import User
from partnercenter.stored_text import PREFIX, stored
from partnercenter.workflow.models import Deadline
from partnercenter.workflow.sla import deadline_sweep_one
from renewals import services as renewal_services
from tests.builders import realname_data
from tests.renewals.helpers import at, expiring_order, generate, managed_customer
from tests.vouchers.mdf_helpers import budget_for, draft
from vouchers import mdf_services

pytestmark = pytest.mark.django_db

BILL_TITLE = gettext_noop("%(period)s 期激励对账单已发布")
BILL_BODY = gettext_noop("请在 %(days)s 个工作日内确认或提交问题反馈。")


def in_both(text: str) -> tuple[str, str]:
    """How a stored text reads to a Chinese and to an English reader."""
    from partnercenter.stored_text import shown

    with translation.override("zh-hans"):
        chinese = shown(text)
    with translation.override("en"):
        english = shown(text)
    return chinese, english


def notify_bill_in_english(user, **kwargs):
    with translation.override("en"):
        return notify(recipients=[user], title=stored(BILL_TITLE, {"period": "202611"}),
                      body=stored(BILL_BODY, {"days": 5}), url="/incentives/", **kwargs)


def page(client, language=None):
    if language:
        client.cookies["django_language"] = language
        return client.get(reverse("notifications:list"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    return client.get(reverse("notifications:list")).content.decode()


def test_sent_while_english_is_active_the_list_reads_chinese_to_a_chinese_reader(alice, client_alice):
    [note] = notify_bill_in_english(alice, email=False)
    assert note.title.startswith(PREFIX) and note.body.startswith(PREFIX)
    chinese = page(client_alice)
    assert "202611 期激励对账单已发布" in chinese and "请在 5 个工作日内确认或提交问题反馈。" in chinese
    assert PREFIX not in chinese and "incentive bill" not in chinese


def test_and_english_to_an_english_reader(alice, client_alice):
    notify_bill_in_english(alice, email=False)
    english = page(client_alice, "en")
    assert "The 202611 incentive bill has been published" in english
    assert "Please confirm it or raise a dispute within 5 working days." in english
    assert PREFIX not in english and "期激励对账单已发布" not in english


def test_old_plain_text_rows_still_show_as_they_are(alice, client_alice):
    Notification.objects.create(recipient=alice, title="伙伴中心新版本已上线", body="新增客户分配，欢迎体验。")
    assert "伙伴中心新版本已上线" in page(client_alice) and "新增客户分配，欢迎体验。" in page(client_alice)
    english = page(client_alice, "en")
    assert "伙伴中心新版本已上线" in english and "新增客户分配，欢迎体验。" in english


def test_the_email_is_written_in_the_recipients_language_not_the_senders(alice, mailoutbox,
                                                                          django_capture_on_commit_callbacks):
    alice.email = "alice@example.com"
    alice.save(update_fields=["email"])
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        [note] = notify_bill_in_english(alice)  # the task runs eagerly while English is still active
    [message] = mailoutbox
    assert message.to == ["alice@example.com"]
    assert message.subject == "[华为云伙伴中心] 202611 期激励对账单已发布"
    assert message.body.startswith("请在 5 个工作日内确认或提交问题反馈。\n\n")
    assert message.body.rstrip().endswith("/incentives/")
    note.refresh_from_db()
    assert note.emailed_at is not None


def test_an_old_plain_text_row_is_emailed_as_it_is(alice, mailoutbox):
    from partnercenter.notifications.tasks import send_notification_email

    note = Notification.objects.create(recipient=alice, title="实名认证已通过", body="您的企业实名认证已通过审核。")
    assert send_notification_email(note.pk) is True
    assert mailoutbox[0].subject == "[华为云伙伴中心] 实名认证已通过"
    assert mailoutbox[0].body.startswith("您的企业实名认证已通过审核。")


def test_the_admin_list_and_page_show_the_texts_in_the_readers_language(alice, admin_client):
    [note] = notify_bill_in_english(alice, email=False)
    url = reverse("admin:notifications_notification_changelist")
    chinese = admin_client.get(url).content.decode()
    assert "202611 期激励对账单已发布" in chinese and PREFIX not in chinese
    detail = admin_client.get(reverse("admin:notifications_notification_change", args=[note.pk])).content.decode()
    assert "请在 5 个工作日内确认或提交问题反馈。" in detail and PREFIX not in detail
    admin_client.cookies["django_language"] = "en"
    english = admin_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The 202611 incentive bill has been published" in english and PREFIX not in english


def test_a_stored_text_too_long_for_the_title_column_is_kept_as_chinese_plain_text(alice):
    with translation.override("en"):
        title = stored(gettext_noop("您有新分配的客户：%(name)s"), {"name": "长" * 600})
        [note] = notify(recipients=[alice], title=title, email=False)
    note.refresh_from_db()
    assert len(note.title) == 500 and note.title.startswith("您有新分配的客户：长")
    assert in_both(note.title) == (note.title, note.title)


# Real call sites, each driven while English is active (an English-speaking operator or partner acting).

def test_platform_member_create_stores_the_welcome_and_the_role_as_msgids(alice):
    with translation.override("en"):
        member = partner_services.member_create(partner=alice.partner, actor=alice, username="xiaoming",
                                                full_name="张小明", email="xm@example.com", role="finance")
    note = Notification.objects.get(recipient=member)
    assert note.title.startswith(PREFIX) and note.body.startswith(PREFIX)
    partner = alice.partner.name
    assert in_both(note.title) == (f"欢迎加入{partner}的伙伴中心，请设置登录密码",
                                   f"Welcome to the Partner Center of {partner}: please set your password")
    with translation.override("en"):
        finance = str(User.Role.FINANCE.label)
    assert finance != "财务"
    assert in_both(note.body) == ("王丽 已将您添加为财务。点击链接设置密码后即可登录。",
                                  f"王丽 has added you as {finance}. Set your password with the link below to sign in.")


def test_platform_sla_reminder_shows_the_deadline_label_in_the_readers_language_too(alice, operator):
    with translation.override("en"):
        application = partner_services.realname_submit(partner=alice.partner, actor=alice,
                                                       data=realname_data(alice.partner))
        deadline = Deadline.objects.for_subject(application).get()
        assert deadline_sweep_one(deadline.pk, today=deadline.due_on - dt.timedelta(days=1)) == "reminded"
    note = Notification.objects.filter(recipient=operator, level="warning").get()
    assert note.title.startswith(PREFIX) and note.body.startswith(PREFIX)
    chinese, english = in_both(note.title)
    assert chinese == f"即将到期：实名认证审核：{application.corp_name}"
    assert english.startswith("Due soon: ") and application.corp_name in english and "实名认证审核" not in english
    assert PREFIX not in english
    due = deadline.due_on.isoformat()
    assert in_both(note.body)[0].endswith(f"截止日期 {due}。") and f"(due {due})" in in_both(note.body)[1]


def test_vouchers_mdf_approval_reads_in_each_language(alice, operator, partner_a):
    budget_for(partner_a, operator)
    application = draft(alice)
    with translation.override("en"):
        mdf_services.mdf_submit(application_id=application.pk, actor=alice)
        mdf_services.mdf_approve(application_id=application.pk, actor=operator)
    note = Notification.objects.get(recipient=alice)
    assert note.title.startswith(PREFIX)
    assert in_both(note.title) == ("MDF使用申请“华为云城市峰会”已审核通过。",
                                   "MDF application “华为云城市峰会” was approved.")


def test_renewals_reminder_reads_in_each_language(alice, andy):
    customer = managed_customer(partner=alice.partner, manager=andy, main=alice)
    expiring_order(customer=customer, expires=at(2026, 11, 20))
    generate()
    with translation.override("en"):
        assert renewal_services.renewal_reminders_send(today=dt.date(2026, 11, 15)) == 1
    note = Notification.objects.get(recipient=andy, title__contains="大单续订提醒")
    assert note.title.startswith(PREFIX) and note.body.startswith(PREFIX)
    chinese_title, english_title = in_both(note.title)
    assert chinese_title.startswith("大单续订提醒：") and english_title.startswith("Large-order renewal reminder: ")
    chinese, english = in_both(note.body)
    assert chinese.startswith("订单 ") and "将于 2026-11-20 失效，实付金额 6000.00 元，当前续费率 " in chinese
    assert chinese.endswith("%。") and "%%" not in chinese
    assert english.startswith("Order ") and "expires on 2026-11-20; amount paid 6000.00 yuan" in english
    assert english.endswith("%.") and "%%" not in english
