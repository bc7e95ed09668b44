"""Builds the demo world through the services, idempotently (natural keys), in one transaction."""
import datetime as dt
import random
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from partnercenter.notifications.models import Notification
from partnercenter.notifications.services import notify
from partnercenter.stored_text import stored
from partnercenter.workdays import services as workdays
from partnercenter.workflow.models import Deadline, TransitionLog

from .. import selectors, services
from ..models import (
    CertifiedBusinessInfo,
    ConsumptionLine,
    Customer,
    CustomerAssignment,
    Order,
    Partner,
    Product,
    RealNameApplication,
    RejectReason,
    ServiceType,
    User,
)
from .planning import (
    OrderPlanner,
    cycle_lines,
)
from .specs import (
    BATCH,
    MAIN,
    PARTNERS,
    PASSWORD,
    PDF_BYTES,
    PERIODIC,
    PRODUCT_SPECS,
    PRODUCTS,
    REJECT_OPINION,
    SEED,
    SERVICE_TYPES,
    SOURCE_PREFIX,
    VENDOR_MAIL_DOMAIN,
    VENDOR_STAFF,
    CustomerSpec,
    PartnerSpec,
    add_months,
    aware,
    closed_cycles,
    draw_identities,
    month_start,
)


@dataclass
class Account:
    username: str
    full_name: str
    role: str
    partner: str


@dataclass
class DemoResult:
    accounts: list = field(default_factory=list)
    partners: list = field(default_factory=list)  # Partner objects, in definition order
    cycle: dt.date | None = None


class DemoBuilder:
    def __init__(self, *, today: dt.date | None = None):
        self.now = timezone.now()
        self.today = today or timezone.localdate()
        self.ids = draw_identities(self.today)
        self.password_hash = None
        self.new_users: dict[str, tuple] = {}  # username -> (user, mail domain)
        self.partners: dict[str, Partner] = {}
        self.new_partners: set[str] = set()
        self.users: dict[str, User] = {}
        self.after_history = []  # certification steps that are "current" (pending, just rejected)

    def build(self) -> DemoResult:
        self.catalogue()
        self.vendor_staff()
        for spec in PARTNERS:
            self.partner(spec)
        new_customers = self.customers()
        self.assignments(new_customers)
        self.orders(new_customers)
        self.consumption()
        for step in self.after_history:
            step()
        self.alice_notifications()
        self.give_emails()
        result = DemoResult(cycle=selectors.last_closed_cycle(self.today))
        result.partners = [self.partners[spec.key] for spec in PARTNERS]
        for username, full_name, group, _superuser in VENDOR_STAFF:
            result.accounts.append(Account(username, full_name, group, "（华为云）"))
        for spec in PARTNERS:
            for person in spec.people:
                result.accounts.append(Account(person.username, person.full_name, str(User.Role(person.role).label),
                                               spec.name))
        return result

    # people

    def _password(self) -> str:
        # Hashed once: PBKDF2 takes a noticeable fraction of a second and every demo account shares the password.
        if self.password_hash is None:
            self.password_hash = make_password(PASSWORD)
        return self.password_hash

    def _user(self, username: str, full_name: str, mail_domain: str, **fields) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, full_name=full_name, last_name=full_name[:1], first_name=full_name[1:],
                        password=self._password(), **fields)
            user.full_clean(exclude=["password"])
            user.save()
            self.new_users[username] = (user, mail_domain)
        self.users[username] = user
        return user

    def vendor_staff(self) -> None:
        for username, full_name, group_name, superuser in VENDOR_STAFF:
            user = self._user(username, full_name, VENDOR_MAIL_DOMAIN, is_staff=True, is_superuser=superuser,
                              phone="")
            if username in self.new_users:
                user.groups.add(Group.objects.get_or_create(name=group_name)[0])

    # catalogue

    def catalogue(self) -> None:
        existing = set(ServiceType.objects.values_list("code", flat=True))
        ServiceType.objects.bulk_create([ServiceType(code=code, name=name) for code, name in SERVICE_TYPES
                                         if code not in existing])
        types = {st.code: st for st in ServiceType.objects.filter(code__in=[c for c, _n in SERVICE_TYPES])}
        existing = set(Product.objects.values_list("code", flat=True))
        Product.objects.bulk_create([
            Product(code=spec.code, name=spec.name, service_type=types[f"hws.service.type.{spec.service}"],
                    incentive_policy=spec.policy, allow_discount=spec.allow_discount)
            for spec in PRODUCTS if spec.code not in existing
        ])
        self.products = {product.code: product for product in Product.objects.filter(code__in=PRODUCT_SPECS)}

    # partners and certification

    def partner(self, spec: PartnerSpec) -> None:
        domain_id = self.ids.domain_ids[spec.key]
        partner = Partner.objects.filter(domain_id=domain_id).first()
        if partner is None:
            partner = Partner(name=spec.name, partner_type=spec.partner_type, domain_id=domain_id, path=spec.path,
                              stage=spec.stage, level=spec.level,
                              distributor=self.partners[spec.distributor] if spec.distributor else None,
                              joined_on=self.today - dt.timedelta(days=spec.joined_days_ago))
            partner.full_clean()
            partner.save()
            self.new_partners.add(spec.key)
        self.partners[spec.key] = partner
        for person in spec.people:
            self._user(person.username, person.full_name, spec.mail_domain, partner=partner, role=person.role,
                       phone=person.phone)
        if spec.key in self.new_partners:
            self.certify(spec, partner)

    def _main(self, spec: PartnerSpec) -> User:
        return self.users[next(p.username for p in spec.people if p.role == MAIN)]

    def _working_day(self, day: dt.date, offset: int) -> dt.date:
        return workdays.add_working_days(day, offset)

    def realname_data(self, spec: PartnerSpec) -> dict:
        return {
            "certificate_type": RealNameApplication.CertificateType.BUSINESS_LICENCE,
            "corp_name": spec.name,
            "credit_code": self.ids.credit_codes[spec.key],
            "legal_person": spec.legal_person,
            "reg_address": spec.address,
            "licence": SimpleUploadedFile("营业执照.pdf", PDF_BYTES, content_type="application/pdf"),
        }

    def business_data(self, spec: PartnerSpec, **overrides) -> dict:
        bank, branch = spec.bank
        contact, phone = spec.finance
        data = {
            "company_name": spec.name, "bank_name": bank, "bank_branch": branch, "bank_account_name": spec.name,
            "bank_account_no": self.ids.bank_accounts[spec.key], "taxpayer_type": "general",
            "tax_id": self.ids.credit_codes[spec.key], "settlement_currency": "CNY", "finance_contact": contact,
            "finance_email": f"finance@{spec.mail_domain}", "finance_phone": phone,
        }
        data.update(overrides)
        return data

    def certify(self, spec: PartnerSpec, partner: Partner) -> None:
        """Long-past certifications happen now; the current ones (pending, just rejected) are queued to run after
        the history, so their notifications stay unread."""
        main, joined, today = self._main(spec), partner.joined_on, self.today
        day = self._working_day
        if spec.realname == "verified":
            submitted = day(joined, 1)
            reviewed = day(submitted, 1 + len(spec.name) % 2)
            self.realname(spec, partner, main, submit=aware(submitted, 10, 12), review=aware(reviewed, 15, 36))
        elif spec.realname == "pending":
            submit = aware(day(today, -1), 16, 20)
            self.after_history.append(lambda: self.realname(spec, partner, main, submit=submit))
        if spec.business == "certified":
            submitted = day(joined, 4)
            self.business(spec, partner, main, submit=aware(submitted, 11, 5), review=aware(day(submitted, 2), 14, 48))
        elif spec.business == "rejected":
            submitted = day(today, -3)
            submit, review = aware(submitted, 9, 41), aware(day(submitted, 1), 17, 3)
            data = self.business_data(spec, bank_branch=spec.bank[1])  # the branch is incomplete: "深圳分行"
            self.after_history.append(lambda: self.business(spec, partner, main, submit=submit, review=review,
                                                            reject=True, data=data))
        elif spec.business == "pending":
            submit = aware(day(today, -2), 9, 40)
            self.after_history.append(lambda: self.business(spec, partner, main, submit=submit))

    def realname(self, spec, partner, main, *, submit, review=None) -> None:
        since = self._last_notification()
        application = services.realname_submit(partner=partner, actor=main, data=self.realname_data(spec))
        if review is not None:
            services.realname_approve(application_id=application.pk, actor=self.users["operator"],
                                      comment="证件信息与工商登记一致。")
        partner.refresh_from_db()
        self._backdate(application, since, submit=submit, review=review, partner_read=True)

    def business(self, spec, partner, main, *, submit, review=None, reject=False, data=None) -> None:
        since = self._last_notification()
        application = services.businessinfo_submit(partner=partner, actor=main,
                                                   data=data or self.business_data(spec))
        if review is not None and reject:
            services.businessinfo_reject(application_id=application.pk, actor=self.users["operator"],
                                         opinion=REJECT_OPINION, reason_code=RejectReason.BANK_INVALID)
        elif review is not None:
            services.businessinfo_approve(application_id=application.pk, actor=self.users["operator"])
            CertifiedBusinessInfo.objects.filter(application=application).update(certified_at=review)
        self._backdate(application, since, submit=submit, review=review, partner_read=not reject)

    def _last_notification(self) -> int:
        return Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    def _backdate(self, application, since: int, *, submit, review, partner_read: bool) -> None:
        """Move an application's submission (and review) into the past, with its audit rows, its review clock
        and the notifications it sent."""
        model = type(application)
        content_type = ContentType.objects.get_for_model(model)
        model.objects.filter(pk=application.pk).update(submitted_at=submit, reviewed_at=review)
        logs = TransitionLog.objects.filter(content_type=content_type, object_id=application.pk)
        logs.filter(action="submit").update(created_at=submit)
        start = timezone.localdate(submit)
        due = workdays.add_working_days(start, settings.REVIEW_SLA_WORKING_DAYS)
        clock = {"starts_on": start, "due_on": due, "provisional": workdays.range_is_provisional(start, due),
                 "created_at": submit}
        notes = Notification.objects.filter(pk__gt=since)
        if review is None:
            notes.filter(url=application.get_review_url()).update(created_at=submit)
        else:
            logs.exclude(action="submit").update(created_at=review)
            late = timezone.localdate(review) > due
            clock.update(closed_at=review, status=Deadline.Status.LATE if late else Deadline.Status.MET)
            notes.filter(url=application.get_review_url()).update(created_at=submit,
                                                                  read_at=submit + dt.timedelta(minutes=35))
            notes.filter(url=application.get_absolute_url()).update(
                created_at=review, read_at=review + dt.timedelta(hours=2) if partner_read else None)
        Deadline.objects.filter(content_type=content_type, object_id=application.pk).update(**clock)

    # customers

    def customers(self) -> list[tuple[Customer, CustomerSpec]]:
        specs = self.ids.customers
        existing = set(Customer.objects.filter(customer_id__in=[c.customer_id for c in specs])
                       .values_list("customer_id", flat=True))
        new = [
            Customer(partner=self.partners[c.partner_key], customer_id=c.customer_id, name=c.name,
                     account_name=c.account_name, association_type=c.association_type,
                     associated_on=c.associated_on, level=c.level, real_name_status=c.real_name_status,
                     customer_kind=Customer.Kind.ENTERPRISE, email=c.email, phone=c.phone)
            for c in specs if c.customer_id not in existing
        ]
        Customer.objects.bulk_create(new, batch_size=BATCH)
        by_id = {c.customer_id: c for c in specs}
        self.customer_objects = {
            customer.customer_id: customer
            for customer in Customer.objects.filter(customer_id__in=list(by_id)).select_related("partner")
        }
        return [(self.customer_objects[c.customer_id], by_id[c.customer_id]) for c in new]

    def _reassign_day(self) -> dt.date:
        """1 July of the latest year at least two months back: the mid-year handover."""
        year = self.today.year if self.today >= dt.date(self.today.year, 9, 1) else self.today.year - 1
        return dt.date(year, 7, 1)

    ASSIGNMENT_PLAN = {
        # partner key: (managers in turn, how many of its customers stay unassigned, reassigned indexes)
        "A": (("andy", "chen", "andy"), 4, (1, 4, 7, 10, 14)),
        "B": (("bella", "bella", "bella", "bob"), 2, (3,)),
        "D": (("dora",), 2, ()),
        "R": (("rita",), 2, ()),
    }

    def assignments(self, new_customers) -> None:
        handover = self._reassign_day()
        for customer, spec in new_customers:
            plan = self.ASSIGNMENT_PLAN.get(spec.partner_key)
            if plan is None:
                continue
            managers, unassigned, reassigned = plan
            count = next(p.customers for p in PARTNERS if p.key == spec.partner_key)
            if spec.index >= count - unassigned:
                continue
            partner_spec = next(p for p in PARTNERS if p.key == spec.partner_key)
            main = self._main(partner_spec)
            manager = self.users[managers[spec.index % len(managers)]]
            rng = random.Random(f"{SEED}:{spec.customer_id}:assign")
            first_day = spec.associated_on + dt.timedelta(days=rng.randint(0, 10))
            self._assign(customer, manager, main, first_day)
            if spec.index in reassigned and first_day < handover:
                others = [name for name in dict.fromkeys(managers) if name != manager.username]
                if others:
                    self._assign(customer, self.users[others[0]], main, handover)

    def _assign(self, customer, manager, actor, day) -> None:
        since = self._last_notification()
        assignment = services.customer_assign(customer_id=customer.pk, manager=manager, actor=actor, on=day)
        at = aware(day, 9, 30)
        CustomerAssignment.objects.filter(pk=assignment.pk).update(created_at=at)
        Notification.objects.filter(pk__gt=since, recipient=manager).update(
            created_at=at, read_at=at + dt.timedelta(hours=1))

    # orders and consumption

    def orders(self, new_customers) -> None:
        used = set()
        plans = []
        for customer, spec in new_customers:
            for plan in OrderPlanner(spec, self.now, used).plan():
                plans.append((customer, plan))
        taken = set(Order.objects.filter(order_no__in=[p.order_no for _c, p in plans])
                    .values_list("order_no", flat=True))
        plans = [(customer, plan) for customer, plan in plans if plan.order_no not in taken]
        Order.objects.bulk_create([
            Order(partner_id=customer.partner_id, customer=customer, order_no=plan.order_no,
                  product=self.products[plan.product], billing_mode=plan.billing_mode, order_type=plan.order_type,
                  paid_amount=plan.amount, ordered_at=plan.ordered_at, effective_at=plan.effective_at,
                  expires_at=plan.expires_at, resource_ids=plan.resource_ids, status=plan.status)
            for customer, plan in plans
        ], batch_size=BATCH)
        renewing = [plan for _c, plan in plans if plan.renews]
        if renewing:
            numbers = {plan.order_no for plan in renewing} | {plan.renews for plan in renewing}
            pks = dict(Order.objects.filter(order_no__in=numbers).values_list("order_no", "pk"))
            updates = [Order(pk=pks[plan.order_no], renews_id=pks[plan.renews]) for plan in renewing]
            Order.objects.bulk_update(updates, ["renews"], batch_size=BATCH)

    def consumption(self) -> None:
        specs = self.ids.customers
        customers = self.customer_objects
        existing = set(ConsumptionLine.objects.filter(customer__customer_id__in=[c.customer_id for c in specs])
                       .values_list("source_ref", flat=True))
        in_force = {}  # (customer pk, product pk) -> [(effective, expires, order pk)]
        for row in (Order.objects.filter(customer__in=customers.values(), billing_mode=PERIODIC,
                                         status=Order.Status.COMPLETED, order_type__in=["new", "renew"])
                    .values_list("customer_id", "product_id", "effective_at", "expires_at", "pk")):
            in_force.setdefault(row[:2], []).append(row[2:])
        lines = []
        for spec in specs:
            customer = customers[spec.customer_id]
            if customer.associated_on != spec.associated_on:  # created on another day: the stored date rules
                spec = replace(spec, associated_on=customer.associated_on)
            for cycle in closed_cycles(self.today):
                planned = [(f"{SOURCE_PREFIX}{spec.customer_id}-{cycle:%Y%m}-{n}", code, mode, amount)
                           for n, code, mode, amount in cycle_lines(spec, cycle)]
                planned = [line for line in planned if line[0] not in existing]
                if not planned:
                    continue
                manager = selectors.manager_on(customer=customer, day=cycle)
                moment = aware(add_months(cycle, 1) - dt.timedelta(days=1), 12)
                for source_ref, code, mode, amount in planned:
                    product = self.products[code]
                    order_pk = next((pk for start, end, pk in in_force.get((customer.pk, product.pk), [])
                                     if start <= moment < end), None)
                    lines.append(ConsumptionLine(
                        partner_id=customer.partner_id, customer=customer, product=product, order_id=order_pk,
                        bill_cycle=cycle, billing_mode=mode, amount=amount, manager=manager, source_ref=source_ref))
        ConsumptionLine.objects.bulk_create(lines, batch_size=BATCH)

    # finishing touches

    def alice_notifications(self) -> None:
        if "A" not in self.new_partners or "alice" not in self.users:
            return
        alice = self.users["alice"]
        cycle = selectors.last_closed_cycle(self.today)
        expiring = (Order.objects.filter(partner=self.partners["A"], status=Order.Status.COMPLETED,
                                         expires_at__date__gt=self.today, paid_amount__gte=5000)
                    .filter(expires_at__lt=aware(add_months(month_start(self.today), 1), 0))
                    .select_related("customer").order_by("expires_at").first())
        # Stored texts (msgid + parameters), so alice reads them in the language she has chosen.
        notes = [
            (stored(gettext_noop("伙伴中心新版本已上线")),
             stored(gettext_noop("新增客户分配、订单与消费明细查询，欢迎体验。")), "", "success", 40),
            (stored(gettext_noop("%(year)s年%(month)s月消费数据已导入"),
                    {"year": f"{cycle:%Y}", "month": f"{cycle:%m}"}),
             stored(gettext_noop("可在客户详情中查看各账期的消费明细及归属的客户经理。")), "", "info", 1),
            (stored(gettext_noop("您有客户尚未分配客户经理")),
             stored(gettext_noop("请在客户列表中筛选“未分配”的客户并指派客户经理，以便统计业绩。")),
             f"{reverse('partners:customer-list')}?assignment=unassigned", "warning", 0),
        ]
        if expiring is not None:
            expires = timezone.localtime(expiring.expires_at)
            notes.append((stored(gettext_noop("客户“%(name)s”的包年订单即将到期"), {"name": expiring.customer.name}),
                          stored(gettext_noop("订单 %(no)s 将于 %(month)s月%(day)s日 到期，请尽快联系客户续订。"),
                                 {"no": expiring.order_no, "month": f"{expires:%m}", "day": f"{expires:%d}"}),
                          expiring.get_absolute_url(), "warning", 0))
        for title, body, url, level, days_ago in notes:
            note = notify(recipients=[alice], title=title, body=body, url=url, level=level, email=False)[0]
            at = self.now - dt.timedelta(days=days_ago, hours=2)
            Notification.objects.filter(pk=note.pk).update(
                created_at=at, read_at=at + dt.timedelta(hours=1) if days_ago > 10 else None)

    def give_emails(self) -> None:
        """Addresses are set last: the services' notifications above are not e-mailed (no queued tasks)."""
        for username, (user, domain) in self.new_users.items():
            User.objects.filter(pk=user.pk, email="").update(email=f"{username}@{domain}")


def build(*, today: dt.date | None = None) -> DemoResult:
    return DemoBuilder(today=today).build()
