"""Security headers Django 5.2 does not set by itself."""
from django.conf import settings


class ContentSecurityPolicyMiddleware:
    """Adds Content-Security-Policy to every HTML response (the admin gets a relaxed style-src)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response and response.get("Content-Type", "").startswith("text/html"):
            policy = settings.CONTENT_SECURITY_POLICY
            if request.path.startswith("/admin/"):
                policy = settings.CONTENT_SECURITY_POLICY_ADMIN
            response["Content-Security-Policy"] = policy
        return response
