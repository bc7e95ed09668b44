"""The page patterns every wing reuses: a thin scoped list view, a scoped detail view, and the glue that turns
service errors into form errors or flash messages (never a 500)."""
import functools

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.views.generic import DetailView, ListView

from partnercenter.workflow.machine import TransitionNotAllowed


class ScopedListView(LoginRequiredMixin, ListView):
    """Scoped base queryset → FilterSet → paginate → render. `is_empty` tells "nothing yet" from "no matches"."""

    filterset_class = None
    paginate_by = 20

    def get_base_queryset(self):
        return self.model._default_manager.for_user(self.request.user)

    def get_queryset(self):
        base = self.get_base_queryset()
        self.is_empty = not base.exists()
        if self.filterset_class is None:
            self.filterset = None
            return base
        self.filterset = self.filterset_class(self.request.GET or None, queryset=base, request=self.request)
        return self.filterset.qs

    def paginate_queryset(self, queryset, page_size):
        # A stale or hand-edited ?page= shows the nearest real page instead of a 404.
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filterset, is_empty=self.is_empty, **kwargs)


class ScopedDetailView(LoginRequiredMixin, DetailView):
    """Another partner's id answers 404, exactly like a missing id."""

    def get_queryset(self):
        return self.model._default_manager.for_user(self.request.user)


def object_view(model):
    """Declare which scoped model a function view's `pk` refers to (the tenancy test walks these)."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            return view(*args, **kwargs)

        wrapper.scoped_model = model
        return wrapper

    return decorate


def apply_service_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError onto the form: field errors next to fields, the rest on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for error in exc.error_list:
            form.add_error(None, error)


def flash_refusal(request, exc: Exception) -> None:
    """A refused transition or permission becomes a clear message on the next page."""
    if isinstance(exc, ValidationError):
        text = "；".join(exc.messages)
    else:
        text = str(exc)
    messages.error(request, text)


REFUSALS = (TransitionNotAllowed, PermissionDenied, ValidationError)


def submit_to_service(request, form, call, *, success_message, refused_url):
    """Run `call()` for a valid form: its ValidationError goes onto the form (returns None, render it again);
    a refusal becomes a message and a redirect to `refused_url`; success returns the service's result."""
    try:
        result = call()
    except ValidationError as exc:
        apply_service_errors(form, exc)
        return None
    except REFUSALS as exc:
        flash_refusal(request, exc)
        raise Refused(refused_url) from exc
    messages.success(request, success_message)
    return result


class Refused(Exception):
    """Raised by submit_to_service after flashing why; `redirect_refused` turns it into the redirect."""

    def __init__(self, url):
        super().__init__(url)
        self.url = url


def redirect_refused(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Refused as refused:
            return redirect(refused.url)

    return wrapper


def post_transition(request, call, *, success_message, next_url):
    """A button that runs one transition: run it, say what happened (or why not), go back to `next_url`."""
    try:
        call()
    except REFUSALS as exc:
        flash_refusal(request, exc)
    else:
        messages.success(request, success_message)
    return redirect(next_url)


def vendor_only(view):
    """Vendor review pages: anyone else gets the same 404 as for a page that does not exist."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated or not request.user.can_review():
            raise Http404
        return view(request, *args, **kwargs)

    wrapper.vendor_only = True
    return wrapper
