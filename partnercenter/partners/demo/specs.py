"""What the demo world contains: catalogue, partners and people, customer profiles, small helpers."""
import calendar
import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from ..models import (
    ECOSYSTEM_MANAGER_GROUP,
    OPERATOR_GROUP,
    BillingMode,
    Customer,
    Partner,
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
