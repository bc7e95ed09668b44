"""Portal pages: 我的凭证 > 访问密钥 — list, create (the SK is shown once), disable/enable, delete."""
from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from partnercenter.pages import ScopedListView, apply_service_errors, flash_refusal, object_view, post_transition
from partnercenter.tenancy import get_for_user_or_404

from . import services
from .models import AccessKey


class AccessKeyForm(forms.Form):
    description = forms.CharField(label=gettext_lazy("描述"), max_length=200, required=False,
                                  help_text=gettext_lazy("例如用途或调用方系统，便于以后识别。"))


class AccessKeyListView(ScopedListView):
    model = AccessKey
    template_name = "api/accesskey_list.html"

    def get_base_queryset(self):
        keys = super().get_base_queryset().select_related("user")
        return keys if self.request.user.is_main_account else keys.of_user(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=AccessKeyForm(), max_keys=services.MAX_KEYS_PER_OWNER, **kwargs)


@never_cache
@login_required
@require_POST
def accesskey_create(request):
    form = AccessKeyForm(request.POST)
    if form.is_valid():
        try:
            key, secret = services.access_key_create(user=request.user,
                                                     description=form.cleaned_data["description"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return render(request, "api/accesskey_created.html", {"key": key, "secret": secret})
    if form.errors:
        flash_refusal(request, ValidationError([e for errors in form.errors.values() for e in errors]))
    return redirect("api:accesskey-list")


def _key_action(request, pk, call, message):
    key = get_for_user_or_404(AccessKey, request.user, pk=pk)
    return post_transition(request, lambda: call(actor=request.user, key_id=key.pk),
                           success_message=message, next_url=reverse("api:accesskey-list"))


@object_view(AccessKey)
@login_required
@require_POST
def accesskey_disable(request, pk):
    return _key_action(request, pk, services.access_key_disable, _("访问密钥已停用，使用它的调用将被拒绝。"))


@object_view(AccessKey)
@login_required
@require_POST
def accesskey_enable(request, pk):
    return _key_action(request, pk, services.access_key_enable, _("访问密钥已启用。"))


@object_view(AccessKey)
@login_required
@require_POST
def accesskey_delete(request, pk):
    return _key_action(request, pk, services.access_key_delete, _("访问密钥已删除。"))


