"""Onboarding pages: sign-up + e-mail verification (anonymous), 发展路径, 商业计划/案例, certifications."""
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordResetConfirmView
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from partnercenter.pages import (
    ScopedDetailView,
    apply_service_errors,
    object_view,
    post_transition,
    redirect_refused,
    submit_to_service,
)
from partnercenter.tenancy import get_for_user_or_404
from partnercenter.uploads import document_response
from partnercenter.workflow.selectors import open_deadlines_for

from ..models import CertificationApplication, Partner, PartnerDocument
from . import pdf, requirements, services, signup
from .forms import CertificationApplyForm, DocumentForm, SignupForm

SIGNUP_LIMIT = 10  # sign-ups per IP address per hour
INVITATION_LIMIT = 10  # invalid or used set-password links opened per IP address per hour


def _partner_or_404(request):
    if request.user.partner_id is None:
        raise Http404
    return request.user.partner


def _throttled(request, scope: str = "signup", limit: int = SIGNUP_LIMIT) -> bool:
    """Count one attempt of `scope` from the request's address; True once more than `limit` in the hour."""
    key = f"onboarding:{scope}:{request.META.get('REMOTE_ADDR', '')}"
    cache.add(key, 0, 3600)
    try:
        return cache.incr(key) > limit
    except ValueError:
        return False


def signup_view(request):
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _throttled(request):
            form.add_error(None, _("注册请求过于频繁，请一小时后再试。"))
        else:
            data = {k: v for k, v in form.cleaned_data.items() if k not in ("password2", "agree")}
            data["password"] = data.pop("password1")
            try:
                user = signup.signup(**data)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                request.session["signup_email"] = user.email
                return redirect("partners:signup-done")
    return render(request, "onboarding/signup.html", {"form": form})


def signup_done(request):
    if request.user.is_authenticated:
        return redirect("home")
    return render(request, "onboarding/signup_done.html", {"email": request.session.get("signup_email", "")})


def signup_verify(request):
    if request.user.is_authenticated:
        return redirect("home")
    try:
        user = signup.verify(request.GET.get("token", ""))
    except ValidationError as exc:
        return render(request, "onboarding/verify_failed.html", {"reason": "；".join(exc.messages)}, status=400)
    messages.success(request, _("邮箱验证成功，账号 %(username)s 已激活，请登录后完成企业实名认证。") % {
        "username": user.username})
    return redirect("login")


class InvitationAcceptView(PasswordResetConfirmView):
    """The set-password link a new member gets by invitation (and a password-reset link): Django's one-time
    token view, throttled per address like sign-up so that tokens cannot be guessed by brute force. Every
    invalid, expired or used link opened counts; past the limit the address is refused for the hour, even
    with a good link. Good links do not count, so a member opening theirs is never the one throttled."""

    def _key(self):
        return f"onboarding:invitation:{self.request.META.get('REMOTE_ADDR', '')}"

    def dispatch(self, request, *args, **kwargs):
        if (cache.get(self._key()) or 0) >= INVITATION_LIMIT:
            return render(request, "onboarding/throttled.html", status=429)
        response = super().dispatch(request, *args, **kwargs)
        if not self.validlink and response.status_code == 200:  # the "链接已失效" page
            cache.add(self._key(), 0, 3600)
            try:
                cache.incr(self._key())
            except ValueError:
                pass
        return response


# 发展路径 -------------------------------------------------------------------------------------------------

@login_required
def development_path(request):
    partner = _partner_or_404(request)
    stages = []
    for stage, label in ((requirements.ROLE, _("角色认证")), (requirements.CAPABILITY, _("能力差异化认证"))):
        rows = requirements.stage_status(partner, stage)
        stages.append((stage, label, rows, requirements.KIND_FOR_STAGE[stage], all(r.met for r in rows)))
    applications = CertificationApplication.objects.for_user(request.user).select_related("submitted_by")[:10]
    return render(request, "onboarding/path.html", {
        "partner": partner, "paths": [c for c in Partner.Path.choices if c[0]], "stages": stages,
        "applications": applications, "apply_form": CertificationApplyForm(),
        "next_kind": {Partner.Stage.JOINED: "role", Partner.Stage.ROLE_CERTIFIED: "capability"}.get(partner.stage),
    })


@login_required
@require_POST
def path_join(request):
    partner = _partner_or_404(request)
    path = request.POST.get("path", "")
    label = dict(Partner.Path.choices).get(path, "")
    return post_transition(request, lambda: services.path_join(partner=partner, actor=request.user, path=path),
                           success_message=_("加入%(path)s发展路径成功") % {"path": label},
                           next_url="partners:path")


@login_required
@require_POST
def certification_apply(request):
    partner = _partner_or_404(request)
    form = CertificationApplyForm(request.POST)
    statement = form.cleaned_data["statement"] if form.is_valid() else ""
    kind = request.POST.get("kind", "")
    return post_transition(
        request, lambda: services.certification_apply(partner=partner, actor=request.user, kind=kind,
                                                      statement=statement),
        success_message=_("认证申请已提交，运营人员将在3个工作日内审核。"), next_url="partners:path")


class CertificationDetailView(ScopedDetailView):
    model = CertificationApplication
    template_name = "onboarding/certification_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(deadlines=open_deadlines_for(self.object), **kwargs)


@login_required
@object_view(CertificationApplication)
def certification_withdraw(request, pk):
    application = get_for_user_or_404(CertificationApplication, request.user, pk=pk)
    if request.method != "POST":
        return redirect(application.get_absolute_url())
    return post_transition(
        request, lambda: services.certification_withdraw(application_id=application.pk, actor=request.user),
        success_message=_("已撤回认证申请。"), next_url=application.get_absolute_url())


@redirect_refused
@login_required
@object_view(CertificationApplication)
def certification_resubmit(request, pk):
    """The partner reads the reviewer's opinion and the stage's live requirements, then applies again."""
    application = get_for_user_or_404(CertificationApplication, request.user, pk=pk)
    if (not request.user.can_manage_partner_info()
            or not CertificationApplication.workflow.can(application, "resubmit")):
        messages.error(request, _("当前申请不能修改后重新提交。"))
        return redirect(application.get_absolute_url())
    form = CertificationApplyForm(request.POST or None, initial={"statement": application.statement})
    if request.method == "POST" and form.is_valid() and submit_to_service(
        request, form,
        lambda: services.certification_resubmit(application_id=application.pk, actor=request.user,
                                                statement=form.cleaned_data["statement"]),
        success_message=_("已重新提交，运营人员将在3个工作日内审核。"), refused_url=application.get_absolute_url(),
    ):
        return redirect(application.get_absolute_url())
    return render(request, "onboarding/resubmit.html", {
        "application": application, "form": form, "back_url": application.get_absolute_url(),
        "crumb_url": "partners:path", "crumb_title": _("发展路径"),
        "rows": requirements.stage_status(application.partner, application.target_stage),
    })


@login_required
@object_view(CertificationApplication)
def certification_pdf(request, pk):
    application = get_for_user_or_404(CertificationApplication, request.user, pk=pk)
    if not application.certificate_no:
        raise Http404
    response = HttpResponse(pdf.certificate_pdf(application), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{application.certificate_no}.pdf"'
    return response


# 商业计划 / 案例 ------------------------------------------------------------------------------------------

KIND_PAGES = {
    PartnerDocument.Kind.PLAN: ("partners:plan-list", gettext_lazy("商业计划")),
    PartnerDocument.Kind.CASE: ("partners:case-list", gettext_lazy("案例管理")),
}


@redirect_refused
@login_required
def _document_list(request, kind):
    partner = _partner_or_404(request)
    url_name, title = KIND_PAGES[kind]
    documents = PartnerDocument.objects.for_user(request.user).filter(kind=kind).select_related("submitted_by")
    can_upload = request.user.can_manage_partner_info()
    form = DocumentForm(request.POST or None, request.FILES or None, kind=kind)
    if request.method == "POST":
        if not can_upload:
            messages.error(request, _("只有伙伴主账号可以上传。"))
            return redirect(url_name)
        if form.is_valid() and submit_to_service(
            request, form, lambda: services.document_submit(partner=partner, actor=request.user, kind=kind,
                                                            data=form.cleaned_data),
            success_message=_("已提交，运营人员将在3个工作日内审核。"), refused_url=url_name,
        ):
            return redirect(url_name)
    return render(request, "onboarding/document_list.html", {
        "kind": kind, "title": title, "documents": documents[:100], "form": form, "can_upload": can_upload,
    })


def plan_list(request):
    return _document_list(request, PartnerDocument.Kind.PLAN)


def case_list(request):
    return _document_list(request, PartnerDocument.Kind.CASE)


class DocumentDetailView(ScopedDetailView):
    model = PartnerDocument
    template_name = "onboarding/document_detail.html"

    def get_context_data(self, **kwargs):
        url_name, title = KIND_PAGES[self.object.kind]
        return super().get_context_data(deadlines=open_deadlines_for(self.object), list_url=url_name,
                                        list_title=title, **kwargs)


@login_required
@object_view(PartnerDocument)
def document_file(request, pk):
    document = get_for_user_or_404(PartnerDocument, request.user, pk=pk)
    suffix = document.file.name.rsplit(".", 1)[-1]
    return document_response(document.file, download_name=f"{document.kind}-{document.pk}.{suffix}")


@login_required
@object_view(PartnerDocument)
def document_withdraw(request, pk):
    document = get_for_user_or_404(PartnerDocument, request.user, pk=pk)
    if request.method != "POST":
        return redirect(document.get_absolute_url())
    return post_transition(request, lambda: services.document_withdraw(document_id=document.pk, actor=request.user),
                           success_message=_("已撤回。"), next_url=document.get_absolute_url())


@redirect_refused
@login_required
@object_view(PartnerDocument)
def document_resubmit(request, pk):
    """Edit a rejected 商业计划/案例 (optionally with a new file) and send it back to review."""
    document = get_for_user_or_404(PartnerDocument, request.user, pk=pk)
    if not request.user.can_manage_partner_info() or not PartnerDocument.workflow.can(document, "resubmit"):
        messages.error(request, _("当前材料不能修改后重新提交。"))
        return redirect(document.get_absolute_url())
    form = DocumentForm(request.POST or None, request.FILES or None, instance=document, kind=document.kind)
    form.fields["file"].required = False  # no new upload: the current file stays
    form.fields["file"].widget = forms.FileInput()  # no link to the stored (private) file's storage URL
    form.fields["file"].help_text = _("不上传新附件时沿用当前附件；PDF/JPG/PNG，不超过10 MB")
    if request.method == "POST" and form.is_valid() and submit_to_service(
        request, form,
        lambda: services.document_resubmit(document_id=document.pk, actor=request.user, data=form.cleaned_data),
        success_message=_("已重新提交，运营人员将在3个工作日内审核。"), refused_url=document.get_absolute_url(),
    ):
        return redirect(document.get_absolute_url())
    url_name, title = KIND_PAGES[document.kind]
    return render(request, "onboarding/resubmit.html", {
        "application": document, "form": form, "back_url": document.get_absolute_url(),
        "crumb_url": url_name, "crumb_title": title, "multipart": True,
    })
