"""Demo data for a fresh PartnerCenter (`manage.py demo_data`): a catalogue, five partners with their people,
customers, 13 months of orders and consumption, and certifications in every interesting state.

Everything is deterministic (fixed seeds) and keyed by natural keys, so a second run creates nothing:

* catalogue by code, partners by domain_id, users by username, customers by customer_id;
* certifications, assignments and notifications only for partners / customers created in this run;
* orders only for customers created in this run (their numbers carry the order time, which moves with "today");
* consumption lines by source_ref ``DEMO-<customer_id>-<YYYYMM>-<n>``, each cycle generated from its own seed,
  so a run next month adds exactly the newly closed cycle.

Certifications and customer assignments go through the services (audit rows, deadlines and notifications
exist); their timestamps are then moved to the past so the history reads naturally. Orders and consumption are
imported data in production and are bulk-created here.
"""
import calendar
import datetime as dt
import random
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from partnercenter.notifications.models import Notification
from partnercenter.notifications.services import notify
from partnercenter.workdays import services as workdays
from partnercenter.workflow.models import Deadline, TransitionLog

from . import selectors, services
from .models import (
    ECOSYSTEM_MANAGER_GROUP,
    OPERATOR_GROUP,
    BillingMode,
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

SEED = 20261128
PASSWORD = "partnercenter-demo"  # noqa: S105 - the documented password of the demo accounts
SOURCE_PREFIX = "DEMO-"
MONTHS = 13  # closed bill cycles of consumption, and months of order history
BATCH = 500
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
CENT = Decimal("0.01")

PERIODIC, ON_DEMAND, ONE_TIME = BillingMode.PERIODIC, BillingMode.ON_DEMAND, BillingMode.ONE_TIME
SP, DISTRIBUTOR, RESELLER = Partner.Type.SOLUTION_PROVIDER, Partner.Type.DISTRIBUTOR, Partner.Type.RESELLER
MAIN, MANAGER, FINANCE = User.Role.MAIN, User.Role.CUSTOMER_MANAGER, User.Role.FINANCE

# Catalogue -------------------------------------------------------------------------------------------------

SERVICE_TYPES = [
    ("hws.service.type.ec2", "弹性云服务器 ECS"),
    ("hws.service.type.ebs", "云硬盘 EVS"),
    ("hws.service.type.obs", "对象存储服务 OBS"),
    ("hws.service.type.rds", "云数据库 RDS"),
    ("hws.service.type.vpc", "虚拟私有云 VPC"),
    ("hws.service.type.cdn", "内容分发网络 CDN"),
    ("hws.service.type.dcs", "分布式缓存服务 DCS"),
    ("hws.service.type.modelarts", "ModelArts"),
]


@dataclass(frozen=True)
class ProductSpec:
    code: str
    name: str
    service: str  # last part of the service type code
    policy: str
    mode: str
    price: int  # monthly unit price (periodic), package price (one-time), typical month (on demand)
    weight: float  # share of a customer's monthly consumption when the customer uses the product
    prefix: str  # resource id prefix
    allow_discount: bool = True


PRODUCTS = [
    ProductSpec("c7.xlarge.2", "通用计算增强型 C7 云服务器 4vCPUs 8GiB", "ec2", "0", PERIODIC, 460, 5, "ecs"),
    ProductSpec("kc1.2xlarge.2", "鲲鹏通用计算增强型 KC1 云服务器 8vCPUs 16GiB", "ec2", "1", PERIODIC, 690, 5, "ecs"),
    ProductSpec("p2s.2xlarge.8", "GPU加速型 P2s 云服务器 V100 8vCPUs 64GiB", "ec2", "1", PERIODIC, 8600, 8, "ecs"),
    ProductSpec("t6.large.1", "突发性能实例 T6 云服务器 2vCPUs 2GiB", "ec2", "2", PERIODIC, 65, 0.6, "ecs",
                allow_discount=False),
    ProductSpec("evs.essd.500", "极速型SSD云硬盘 500GiB", "ebs", "0", PERIODIC, 520, 1.5, "evs"),
    ProductSpec("evs.gpssd.200", "通用型SSD云硬盘 200GiB", "ebs", "0", PERIODIC, 140, 1, "evs"),
    ProductSpec("obs.standard", "对象存储 标准存储（按需）", "obs", "0", ON_DEMAND, 900, 1.2, "obs"),
    ProductSpec("obs.archive", "对象存储 归档存储（按需）", "obs", "2", ON_DEMAND, 300, 0.4, "obs",
                allow_discount=False),
    ProductSpec("rds.mysql.x1.xlarge.4.ha", "云数据库 RDS for MySQL 主备 4vCPUs 16GiB", "rds", "1", PERIODIC,
                2100, 4, "rds"),
    ProductSpec("rds.pg.x1.xlarge.4.ha", "云数据库 RDS for PostgreSQL 主备 4vCPUs 16GiB", "rds", "1", PERIODIC,
                2300, 4, "rds"),
    ProductSpec("vpc.bandwidth.bgp.100", "全动态BGP 共享带宽 100Mbit/s", "vpc", "0", PERIODIC, 3200, 3, "bw"),
    ProductSpec("vpc.eip.traffic", "弹性公网IP 按流量计费", "vpc", "13", ON_DEMAND, 1500, 1.5, "eip"),
    ProductSpec("cdn.traffic.mainland.10tb", "CDN 中国大陆流量包 10TB", "cdn", "0", ONE_TIME, 1260, 2, "cdn"),
    ProductSpec("dcs.redis.ha.8gb", "分布式缓存服务 Redis 主备 8GB", "dcs", "1", PERIODIC, 900, 2, "dcs"),
    ProductSpec("modelarts.train.v100", "ModelArts 训练作业 GPU V100（按需）", "modelarts", "1", ON_DEMAND,
                6000, 6, "ma"),
    ProductSpec("modelarts.pangu.infer", "ModelArts 盘古大模型 推理资源包", "modelarts", "13", ONE_TIME, 8800, 5,
                "ma"),
]
PRODUCT_SPECS = {spec.code: spec for spec in PRODUCTS}
COMPUTE = ["c7.xlarge.2", "kc1.2xlarge.2", "t6.large.1"]
# Products a customer's big yearly subscription (the one expiring this month) is made of.
BIG_YEARLY = ["p2s.2xlarge.8", "rds.mysql.x1.xlarge.4.ha", "rds.pg.x1.xlarge.4.ha", "vpc.bandwidth.bgp.100",
              "kc1.2xlarge.2", "dcs.redis.ha.8gb"]

# Organisations and people ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    username: str
    full_name: str
    role: str
    phone: str


@dataclass(frozen=True)
class PartnerSpec:
    key: str
    name: str
    partner_type: str
    path: str
    stage: str
    level: str
    region: str  # administrative division code in the credit code
    legal_person: str
    address: str
    bank: tuple  # (bank, branch)
    finance: tuple  # (contact, phone)
    mail_domain: str
    people: tuple
    realname: str  # none / pending / verified
    business: str  # none / pending / rejected / certified
    customers: int
    scale: float  # multiplies the customers' monthly consumption
    joined_days_ago: int
    distributor: str = ""  # key of the distributor (resellers)


PARTNERS = [
    PartnerSpec(
        "A", "华云智联科技有限公司", SP, Partner.Path.DTCSI, Partner.Stage.CAPABILITY, Partner.Level.ADVANCED,
        "330108", "周建华", "浙江省杭州市滨江区网商路699号智联大厦12层", ("招商银行", "杭州高新支行"),
        ("刘芳", "0571-86791234"), "huayun-zl.example.com",
        (Person("alice", "王丽", MAIN, "13857112345"), Person("andy", "李安", MANAGER, "13957123456"),
         Person("chen", "陈晨", MANAGER, "13758134567"), Person("fang", "刘芳", FINANCE, "13666145678")),
        realname="verified", business="certified", customers=25, scale=1.35, joined_days_ago=1350,
    ),
    PartnerSpec(
        "B", "云图数据服务有限公司", SP, Partner.Path.SOFTWARE, Partner.Stage.ROLE_CERTIFIED,
        Partner.Level.CERTIFIED, "110108", "赵德明", "北京市海淀区上地十街10号云图大厦5层",
        ("中国工商银行", "北京上地支行"),
        ("钱敏", "010-62985566"), "yuntu-data.example.com",
        (Person("bob", "赵博", MAIN, "13911012345"), Person("bella", "孙蓓", MANAGER, "13801023456")),
        realname="verified", business="certified", customers=15, scale=0.75, joined_days_ago=900,
    ),
    PartnerSpec(
        "D", "中科云汇分销有限公司", DISTRIBUTOR, "", "", Partner.Level.LEADING,
        "440305", "杜国强", "广东省深圳市南山区科技南十二路18号云汇中心20层", ("中国建设银行", "深圳分行"),
        ("黄静", "0755-26781234"), "zkyh-dist.example.com",
        (Person("dora", "杜娜", MAIN, "13510012345"),),
        realname="verified", business="rejected", customers=4, scale=0.5, joined_days_ago=1600,
    ),
    PartnerSpec(
        "R", "蓝海云途信息技术有限公司", RESELLER, "", "", Partner.Level.REGISTERED,
        "440106", "任志远", "广东省广州市天河区珠江新城华夏路30号1608室", ("中国银行", "广州天河支行"),
        ("蓝晓", "020-38881234"), "lanhai-yt.example.com",
        (Person("rita", "任婷", MAIN, "13622012345"),),
        realname="pending", business="none", customers=4, scale=0.35, joined_days_ago=40, distributor="D",
    ),
    PartnerSpec(
        "C", "杭州数澜网络科技有限公司", SP, "", "", Partner.Level.REGISTERED,
        "330106", "陈永康", "浙江省杭州市西湖区文三路90号东部软件园3号楼", ("中国农业银行", "杭州西湖支行"),
        ("许婧", "0571-88451234"), "shulan-net.example.com",
        (Person("carl", "陈凯", MAIN, "18868012345"),),
        realname="none", business="none", customers=0, scale=0, joined_days_ago=12,
    ),
    PartnerSpec(
        "E", "深圳启明云创科技有限公司", SP, Partner.Path.SERVICE, Partner.Stage.JOINED, Partner.Level.REGISTERED,
        "440305", "叶启明", "广东省深圳市南山区粤海街道高新南七道8号", ("平安银行", "深圳科技园支行"),
        ("叶薇", "0755-86541234"), "qiming-cloud.example.com",
        (Person("eva", "叶薇", MAIN, "13728012345"),),
        realname="verified", business="pending", customers=3, scale=0.45, joined_days_ago=75,
    ),
]
VENDOR_STAFF = [
    # username, full name, group, superuser
    ("operator", "运营小周", OPERATOR_GROUP, True),
    ("eco", "林涛", ECOSYSTEM_MANAGER_GROUP, False),
]
VENDOR_MAIL_DOMAIN = "partnercenter.example.com"
REJECT_OPINION = ("开户支行填写不完整，应填写至具体支行（如“中国建设银行深圳科技园支行”），"
                  "请与开户许可证核对后重新提交。")

# Customers --------------------------------------------------------------------------------------------------

CITIES = ["杭州", "上海", "北京", "深圳", "广州", "成都", "南京", "苏州", "武汉", "西安", "重庆", "合肥", "厦门",
          "青岛", "长沙", "宁波", "天津", "郑州"]
WORDS = [("星河", "xinghe"), ("云帆", "yunfan"), ("博远", "boyuan"), ("嘉禾", "jiahe"), ("瑞丰", "ruifeng"),
         ("智汇", "zhihui"), ("恒通", "hengtong"), ("明德", "mingde"), ("海川", "haichuan"), ("锦程", "jincheng"),
         ("众诚", "zhongcheng"), ("泰和", "taihe"), ("华拓", "huatuo"), ("新元", "xinyuan"), ("鼎盛", "dingsheng"),
         ("易联", "yilian"), ("启航", "qihang"), ("青松", "qingsong"), ("远景", "yuanjing"), ("君泰", "juntai"),
         ("凌云", "lingyun"), ("安信", "anxin"), ("汇川", "huichuan"), ("沐阳", "muyang"), ("正源", "zhengyuan"),
         ("万象", "wanxiang"), ("朗润", "langrun"), ("卓越", "zhuoyue")]
SUFFIXES = [("电子商务有限公司", "ecom"), ("网络科技有限公司", "net"), ("信息技术有限公司", "it"),
            ("软件有限公司", "soft"), ("医疗科技有限公司", "med"), ("教育科技有限公司", "edu"),
            ("物流有限公司", "logistics"), ("文化传媒有限公司", "media"), ("智能制造有限公司", "mfg"),
            ("游戏科技有限公司", "games"), ("金融信息服务有限公司", "fin"), ("生物科技有限公司", "bio")]
LEVEL_BY_BUDGET = [(2500, "V0"), (5000, "V1"), (9000, "V2"), (16000, "V3"), (30000, "V4")]


@dataclass(frozen=True)
class CustomerSpec:
    partner_key: str
    index: int  # position among the partner's customers
    customer_id: str
    name: str
    account_name: str
    association_type: str
    associated_on: dt.date
    level: str
    real_name_status: int
    email: str
    phone: str
    budget: Decimal  # typical monthly consumption
    portfolio: tuple  # ((product code, weight), ...)
    expiring: bool  # has a big yearly order expiring in the current month


# Time helpers -----------------------------------------------------------------------------------------------


def add_months(value, months: int):
    """Same day `months` later (clamped to the month's last day); works for dates and datetimes."""
    year, month = divmod(value.month - 1 + months, 12)
    year += value.year
    return value.replace(year=year, month=month + 1, day=min(value.day, calendar.monthrange(year, month + 1)[1]))


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def closed_cycles(today: dt.date, count: int = MONTHS) -> list[dt.date]:
    """The `count` bill cycles before the current month, oldest first."""
    current = month_start(today)
    return [add_months(current, -n) for n in range(count, 0, -1)]


def aware(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def money(value) -> Decimal:
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


# Identities: drawn from one seeded generator, independent of the database (dates are relative to "today") --

CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code(rng: random.Random, region: str) -> str:
    """A 统一社会信用代码 with a valid GB 32100-2015 check character."""
    body = "91" + region + "".join(rng.choice(CODE_CHARS) for _ in range(9))
    total = sum(CODE_CHARS.index(char) * weight for char, weight in zip(body, CODE_WEIGHTS, strict=True))
    return body + CODE_CHARS[(31 - total % 31) % 31]


@dataclass
class Identities:
    domain_ids: dict = field(default_factory=dict)  # partner key -> domain_id
    credit_codes: dict = field(default_factory=dict)
    bank_accounts: dict = field(default_factory=dict)
    customers: list = field(default_factory=list)


def draw_identities(today: dt.date) -> Identities:
    rng = random.Random(SEED)
    ids = Identities()
    for spec in PARTNERS:
        ids.domain_ids[spec.key] = f"{rng.getrandbits(128):032x}"
        ids.credit_codes[spec.key] = credit_code(rng, spec.region)
        ids.bank_accounts[spec.key] = "".join(str(rng.randint(0, 9)) for _ in range(rng.choice((16, 19))))
    combos = rng.sample([(word, suffix) for word in WORDS for suffix in SUFFIXES], sum(s.customers for s in PARTNERS))
    combos.reverse()
    for spec in PARTNERS:
        for index in range(spec.customers):
            (word, word_py), (suffix, suffix_py) = combos.pop()
            ids.customers.append(_customer_spec(rng, spec, index, f"{rng.choice(CITIES)}{word}{suffix}",
                                                f"{word_py}_{suffix_py}", today))
    return ids


def _customer_spec(rng, spec: PartnerSpec, index: int, name: str, account: str, today: dt.date) -> CustomerSpec:
    customer_id = f"{rng.getrandbits(128):032x}"
    # About a third of the solution providers' customers hold a big yearly order that expires this month.
    expiring = spec.partner_type == SP and spec.customers >= 10 and index % 3 == 0
    if expiring or rng.random() < 0.75:
        associated_on = today - dt.timedelta(days=rng.randint(430, 1500))
    else:  # a newer customer: consumption starts within the last year
        associated_on = today - dt.timedelta(days=rng.randint(45, 360))
    if spec.partner_type == SP:
        association = rng.choice([Customer.Association.REFERRAL, Customer.Association.RESALE])
    else:
        association = Customer.Association.RESALE if rng.random() < 0.8 else Customer.Association.REFERRAL
    budget = max(600.0, rng.lognormvariate(8.85, 0.75)) * spec.scale
    level = next((lvl for limit, lvl in LEVEL_BY_BUDGET if budget < limit), "V5")
    roll = rng.random()
    real_name = (Customer.RealName.VERIFIED if roll < 0.86
                 else Customer.RealName.UNDER_REVIEW if roll < 0.93 else Customer.RealName.NOT_VERIFIED)
    compute = rng.choice(COMPUTE if budget > 3000 else ["c7.xlarge.2", "t6.large.1"])
    others = [code for code in PRODUCT_SPECS if code != compute]
    extra = rng.sample(others, rng.randint(1, 4 if budget > 5000 else 2))
    portfolio = tuple((code, PRODUCT_SPECS[code].weight * rng.uniform(0.6, 1.4)) for code in [compute, *extra])
    phone = f"1{rng.choice('3589')}{rng.randint(0, 9)}****{rng.randint(0, 9999):04d}"
    email = f"{rng.choice(['it', 'ops', 'cloud', 'admin'])}@{account.replace('_', '-')}.example.com"
    return CustomerSpec(spec.key, index, customer_id, name, account, association, associated_on, level, real_name,
                        email, phone, money(budget), portfolio, expiring)


# Orders -----------------------------------------------------------------------------------------------------

ORDER_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


@dataclass
class OrderPlan:
    order_no: str
    product: str
    billing_mode: str
    order_type: str
    amount: Decimal
    ordered_at: dt.datetime
    effective_at: dt.datetime | None
    expires_at: dt.datetime | None
    resource_ids: list
    status: str = Order.Status.COMPLETED
    renews: str = ""  # order_no of the renewed order
    keep_status: bool = False  # the renewal wing's material: stays completed


class OrderPlanner:
    """A few orders per customer over the last 13 months: periodic chains (new → renew → …), changes,
    on-demand and one-time purchases, and for some customers a big yearly order expiring this month."""

    def __init__(self, customer: CustomerSpec, now: dt.datetime, used_numbers: set):
        self.customer = customer
        self.rng = random.Random(f"{SEED}:{customer.customer_id}:orders")
        self.now = now
        self.today = timezone.localdate(now)
        self.window_start = max(add_months(month_start(self.today), -(MONTHS - 1)),
                                customer.associated_on + dt.timedelta(days=1))
        self.used = used_numbers
        self.orders: list[OrderPlan] = []

    def plan(self) -> list[OrderPlan]:
        rng = self.rng
        if self.window_start >= self.today - dt.timedelta(days=2):
            return []
        periodic = [code for code, _w in self.customer.portfolio if PRODUCT_SPECS[code].mode == PERIODIC]
        if self.customer.expiring:
            self._expiring_yearly()
        for _n in range(rng.choice((1, 1, 2, 2, 3)) if periodic else 0):
            self._subscription(rng.choice(periodic))
        for code, _w in self.customer.portfolio:
            mode = PRODUCT_SPECS[code].mode
            if mode == ON_DEMAND and rng.random() < 0.5:
                self._single(code, ON_DEMAND, money(rng.uniform(300, 3000)))
            elif mode == ONE_TIME and rng.random() < 0.7:
                self._single(code, ONE_TIME, money(PRODUCT_SPECS[code].price * rng.choice((1, 1, 2, 3))
                                                   * rng.uniform(0.92, 1.0)))
        self._statuses()
        return self.orders

    # pieces

    def _number(self, ordered_at: dt.datetime) -> str:
        while True:
            suffix = "".join(self.rng.choice(ORDER_LETTERS) for _ in range(5))
            number = f"CS{timezone.localtime(ordered_at):%y%m%d%H%M}{suffix}"
            if number not in self.used:
                self.used.add(number)
                return number

    def _resources(self, code: str, count: int) -> list[str]:
        prefix = PRODUCT_SPECS[code].prefix
        return [f"{prefix}-{self.rng.getrandbits(48):012x}" for _ in range(count)]

    def _random_moment(self, first: dt.date, last: dt.date) -> dt.datetime:
        day = first + dt.timedelta(days=self.rng.randint(0, max(0, (last - first).days)))
        moment = aware(day, self.rng.randint(8, 21), self.rng.randint(0, 59))
        return min(moment, self.now - dt.timedelta(minutes=self.rng.randint(30, 600)))

    def _price(self, code: str, months: int, quantity: int) -> Decimal:
        spec = PRODUCT_SPECS[code]
        factor = 10 if months == 12 else months  # 包年 costs ten months
        amount = spec.price * factor * quantity * self.rng.uniform(0.9, 1.05)
        if amount > 80000:
            amount = self.rng.uniform(52000, 80000)
        return money(max(amount, self.rng.uniform(300, 420)))

    def _quantity(self, code: str) -> int:
        budget = float(self.customer.budget)
        share = budget * 0.4 / max(PRODUCT_SPECS[code].price, 1)
        return max(1, min(20, round(share * self.rng.uniform(0.5, 1.2))))

    def _add(self, **kwargs) -> OrderPlan:
        order = OrderPlan(order_no=self._number(kwargs["ordered_at"]), **kwargs)
        self.orders.append(order)
        return order

    def _chain(self, code: str, months: int, quantity: int, effective: dt.datetime, *, renew_rate: float,
               first_amount: Decimal | None = None, keep: bool = False) -> None:
        resources = self._resources(code, min(quantity, self.rng.randint(1, 3)))
        previous = None
        ordered = effective - dt.timedelta(minutes=self.rng.randint(2, 30))
        while True:
            expires = add_months(effective, months)
            amount = first_amount if previous is None and first_amount else self._price(code, months, quantity)
            previous = self._add(product=code, billing_mode=PERIODIC,
                                 order_type=Order.OrderType.RENEW if previous else Order.OrderType.NEW,
                                 amount=amount, ordered_at=ordered, effective_at=effective, expires_at=expires,
                                 resource_ids=list(resources), renews=previous.order_no if previous else "",
                                 keep_status=keep)
            if previous.order_type == Order.OrderType.NEW and self.rng.random() < 0.15:
                self._change(previous)
            ordered = expires - dt.timedelta(days=self.rng.randint(1, 12), hours=self.rng.randint(0, 9))
            if ordered > self.now or self.rng.random() > renew_rate:
                return
            effective = expires
            keep = False

    def _change(self, order: OrderPlan) -> None:
        at = order.effective_at + dt.timedelta(days=self.rng.randint(10, 60), hours=self.rng.randint(0, 8))
        if at >= min(self.now, order.expires_at):
            return
        self._add(product=order.product, billing_mode=PERIODIC, order_type=Order.OrderType.CHANGE,
                  amount=money(self.rng.uniform(300, 6000)), ordered_at=at, effective_at=at,
                  expires_at=order.expires_at, resource_ids=list(order.resource_ids))

    def _subscription(self, code: str) -> None:
        months = self.rng.choices((1, 3, 6, 12), weights=(2, 2, 1, 5))[0]
        earliest = self.window_start if months > 1 else max(self.window_start, add_months(self.today, -4))
        effective = self._random_moment(earliest, self.today - dt.timedelta(days=1))
        self._chain(code, months, self._quantity(code), effective, renew_rate=0.88)

    def _expiring_yearly(self) -> None:
        """A yearly order (≥ 5 000 yuan) bought in this month last year: it expires this month."""
        last_day = calendar.monthrange(self.today.year, self.today.month)[1]
        day = self.today.replace(day=self.rng.randint(1, last_day))
        if self.customer.index % 2 == 0 and self.today.day < last_day:  # half of them still ahead
            day = self.today.replace(day=self.rng.randint(self.today.day + 1, last_day))
        effective = aware(add_months(day, -12), self.rng.randint(9, 18), self.rng.randint(0, 59))
        code = self.rng.choice(BIG_YEARLY)
        amount = money(self.rng.uniform(5200, 78000))
        self._chain(code, 12, self._quantity(code), effective, renew_rate=0.4, first_amount=amount, keep=True)

    def _single(self, code: str, mode: str, amount: Decimal) -> None:
        at = self._random_moment(self.window_start, self.today)
        self._add(product=code, billing_mode=mode, order_type=Order.OrderType.NEW, amount=amount, ordered_at=at,
                  effective_at=at + dt.timedelta(minutes=self.rng.randint(1, 5)), expires_at=None,
                  resource_ids=self._resources(code, 1))

    def _statuses(self) -> None:
        renewed = {order.renews for order in self.orders if order.renews}
        for order in self.orders:
            if order.keep_status or order.order_no in renewed or order.order_type == Order.OrderType.CHANGE:
                continue
            roll = self.rng.random()
            if order.ordered_at > self.now - dt.timedelta(days=3) and roll < 0.35:
                order.status = Order.Status.PENDING_PAYMENT
            elif roll < 0.04:
                order.status = Order.Status.CANCELLED
            elif roll < 0.07 and order.billing_mode == PERIODIC:
                order.status = Order.Status.UNSUBSCRIBED


# Consumption ------------------------------------------------------------------------------------------------


def cycle_lines(customer: CustomerSpec, cycle: dt.date) -> list[tuple]:
    """(n, product code, billing mode, amount) of one customer's bill cycle; depends only on the customer and
    the cycle, so a run on another day reproduces (and skips) the same lines."""
    first_cycle = month_start(customer.associated_on)
    if customer.associated_on.day > 20:
        first_cycle = add_months(first_cycle, 1)
    if cycle < first_cycle:
        return []
    rng = random.Random(f"{SEED}:{customer.customer_id}:{cycle:%Y%m}")
    portfolio = list(customer.portfolio)
    chosen = rng.sample(portfolio, rng.randint(1, min(4, len(portfolio))))
    growth = 1 + 0.012 * ((cycle.year - 2024) * 12 + cycle.month)
    ramp = min(1.0, 0.45 + 0.3 * ((cycle.year - first_cycle.year) * 12 + cycle.month - first_cycle.month))
    total = float(customer.budget) * growth * ramp * rng.uniform(0.82, 1.2)
    weight_sum = sum(weight for _code, weight in chosen)
    lines = []
    for n, (code, weight) in enumerate(chosen, start=1):
        amount = max(5.0, total * weight / weight_sum * rng.uniform(0.8, 1.2))
        lines.append((n, code, PRODUCT_SPECS[code].mode, money(amount)))
    periodic = [code for code, _w in chosen if PRODUCT_SPECS[code].mode == PERIODIC]
    if periodic and rng.random() < 0.06:  # an unsubscribed resource refunded
        refund = -rng.uniform(60, min(3000.0, max(120.0, total * 0.25)))
        lines.append((len(lines) + 1, rng.choice(periodic), PERIODIC, money(refund)))
    return lines


# The builder ------------------------------------------------------------------------------------------------


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
        notes = [
            ("伙伴中心新版本已上线", "新增客户分配、订单与消费明细查询，欢迎体验。", "", "success", 40),
            (f"{cycle:%Y年%m月}消费数据已导入", "可在客户详情中查看各账期的消费明细及归属的客户经理。", "", "info", 1),
            ("您有客户尚未分配客户经理", "请在客户列表中筛选“未分配”的客户并指派客户经理，以便统计业绩。",
             f"{reverse('partners:customer-list')}?assignment=unassigned", "warning", 0),
        ]
        if expiring is not None:
            notes.append((f"客户“{expiring.customer.name}”的包年订单即将到期",
                          f"订单 {expiring.order_no} 将于 {timezone.localtime(expiring.expires_at):%m月%d日} 到期，"
                          f"请尽快联系客户续订。", expiring.get_absolute_url(), "warning", 0))
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
