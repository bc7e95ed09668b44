"""`manage.py create_access_key USERNAME` or `--customer CUSTOMER_ID`: prints `AK SK` on one line."""
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from partnercenter.api.services import access_key_create
from partnercenter.partners.models import Customer


class Command(BaseCommand):
    help = "Create an API access key for a partner user (or a customer account) and print 'AK SK'."

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?")
        parser.add_argument("--customer", dest="customer_id")
        parser.add_argument("--description", default="")

    def handle(self, username=None, customer_id=None, description="", **options):
        if bool(username) == bool(customer_id):
            raise CommandError("give exactly one of USERNAME or --customer CUSTOMER_ID")
        try:
            if customer_id:
                owner = {"customer": Customer.objects.get(customer_id=customer_id)}
            else:
                owner = {"user": get_user_model().objects.get(username=username)}
            key, secret = access_key_create(description=description, **owner)
        except (Customer.DoesNotExist, get_user_model().DoesNotExist) as exc:
            raise CommandError("no such user or customer") from exc
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(f"{key.access_key} {secret}")
