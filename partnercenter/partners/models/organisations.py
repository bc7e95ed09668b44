"""Partner organisations: type, development path, stage, level, identity and the two certifications."""
import uuid

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnercenter.tenancy import PartnerScopedQuerySet, scoped


class PartnerQuerySet(PartnerScopedQuerySet):
    partner_lookup = "pk"

    def resellers_of(self, distributor):
        return self.filter(distributor=distributor)


def new_domain_id() -> str:
    return uuid.uuid4().hex


@scoped
class Partner(models.Model):
    class Type(models.TextChoices):
        SOLUTION_PROVIDER = "solution_provider", _("解决方案提供商")
        DISTRIBUTOR = "distributor", _("华为云总经销商")
        RESELLER = "reseller", _("云经销商")

    class Path(models.TextChoices):
        NONE = "", _("未加入发展路径")
        SERVICE = "service", _("服务合作伙伴")
        SOFTWARE = "software", _("软件合作伙伴")
        DTCSI = "dtcsi", _("数字化转型咨询与系统集成伙伴")
        LEARNING = "learning", _("学习与赋能伙伴")

    class Stage(models.TextChoices):
        NONE = "", _("未加入")
        JOINED = "joined", _("已加入路径")
        ROLE_CERTIFIED = "role_certified", _("角色认证")
        CAPABILITY = "capability", _("能力差异化")

    class Level(models.TextChoices):
        REGISTERED = "registered", _("注册级")
        CERTIFIED = "certified", _("认证级")
        ADVANCED = "advanced", _("优选级")
        LEADING = "leading", _("领先级")

    class RealName(models.IntegerChoices):
        NOT_VERIFIED = -1, _("未实名认证")
        UNDER_REVIEW = 0, _("实名认证审核中")
        REJECTED = 1, _("实名认证不通过")
        VERIFIED = 2, _("已实名认证")

    name = models.CharField(_("伙伴名称"), max_length=200)
    partner_type = models.CharField(_("伙伴类型"), max_length=20, choices=Type.choices, db_index=True)
    distributor = models.ForeignKey(
        "self",
        verbose_name=_("总经销商"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resellers",
        limit_choices_to={"partner_type": "distributor"},
    )
    domain_id = models.CharField(_("账号ID (domain_id)"), max_length=64, unique=True, default=new_domain_id)
    path = models.CharField(_("发展路径"), max_length=20, choices=Path.choices, blank=True, default="")
    stage = models.CharField(_("路径阶段"), max_length=20, choices=Stage.choices, blank=True, default="")
    level = models.CharField(_("伙伴等级"), max_length=20, choices=Level.choices, default=Level.REGISTERED)
    real_name_status = models.SmallIntegerField(
        _("实名认证状态"), choices=RealName.choices, default=RealName.NOT_VERIFIED
    )
    certified_name = models.CharField(
        _("实名认证名称"), max_length=200, blank=True, help_text=_("实名认证通过后的企业名称")
    )
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    joined_on = models.DateField(_("加入日期"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("合作伙伴")
        verbose_name_plural = _("合作伙伴")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="partners_partner_reseller_has_distributor",
                condition=(models.Q(partner_type="reseller", distributor__isnull=False)
                           | (~models.Q(partner_type="reseller") & models.Q(distributor__isnull=True))),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:profile")

    @property
    def is_real_name_verified(self) -> bool:
        return self.real_name_status == self.RealName.VERIFIED
