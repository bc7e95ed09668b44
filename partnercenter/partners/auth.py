"""The login backend: Django's ModelBackend, loading the signed-in user with their partner and their unread
notification count in one query (every page's layout shows the partner's name and the bell's count; without this
each request pays two more round trips for them).

That query runs on every request, so its SQL is written once per process from the models' metadata and the rows
are turned into model instances with `Model.from_db` (what the ORM itself does): building and compiling the same
select_related + subquery queryset cost about 1 ms of Python per request, three times the round trip."""
from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import connections, router


@cache
def _user_query(vendor: str) -> tuple[str, list, list]:
    """(SQL, user fields, partner fields) of the signed-in user's query: user columns, partner columns, the
    unread count. Cached per database vendor; the column lists follow the models."""
    from partnercenter.notifications.models import Notification

    user_model = get_user_model()
    partner_field = user_model._meta.get_field("partner")
    partner_model = partner_field.related_model
    quote = connections[router.db_for_read(user_model)].ops.quote_name
    user_fields = user_model._meta.concrete_fields
    partner_fields = partner_model._meta.concrete_fields
    columns = [f"u.{quote(f.column)}" for f in user_fields] + [f"p.{quote(f.column)}" for f in partner_fields]
    recipient = Notification._meta.get_field("recipient").column
    read_at = Notification._meta.get_field("read_at").column
    # S608: every name comes from the models' metadata and is quoted; the one value is a parameter.
    unread = (f"(SELECT COUNT(*) FROM {quote(Notification._meta.db_table)} n "  # noqa: S608
              f"WHERE n.{quote(recipient)} = u.{quote(user_model._meta.pk.column)} AND n.{quote(read_at)} IS NULL)")
    sql = (f"SELECT {', '.join(columns)}, {unread} "  # noqa: S608
           f"FROM {quote(user_model._meta.db_table)} u "
           f"LEFT JOIN {quote(partner_model._meta.db_table)} p "
           f"ON p.{quote(partner_field.target_field.column)} = u.{quote(partner_field.column)} "
           f"WHERE u.{quote(user_model._meta.pk.column)} = %s")
    return sql, list(user_fields), list(partner_fields)


def load_user(user_id):
    """The user with `user.partner` loaded and `user.unread_notifications` set, or None."""
    user_model = get_user_model()
    alias = router.db_for_read(user_model)
    connection = connections[alias]
    sql, user_fields, partner_fields = _user_query(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, [user_model._meta.pk.get_db_prep_value(user_id, connection)])
        row = cursor.fetchone()
    if row is None:
        return None
    split = len(user_fields)
    user = user_model.from_db(alias, [f.attname for f in user_fields], _converted(connection, user_fields, row))
    partner_field = user_model._meta.get_field("partner")
    partner = None
    if user.partner_id is not None:
        partner = partner_field.related_model.from_db(alias, [f.attname for f in partner_fields],
                                                      _converted(connection, partner_fields, row[split:]))
    partner_field.set_cached_value(user, partner)
    user.unread_notifications = row[-1]
    return user


def _converted(connection, fields, values) -> list:
    """The database's values as the ORM hands them to from_db: each field's converters applied (on SQLite
    decimals and aware datetimes need them; on PostgreSQL JSON does)."""
    out = []
    for field, value in zip(fields, values, strict=False):
        col = field.cached_col
        for converter in connection.ops.get_db_converters(col) + col.get_db_converters(connection):
            value = converter(value, col, connection)
        out.append(value)
    return out


class PartnerModelBackend(ModelBackend):
    def get_user(self, user_id):
        try:
            user = load_user(user_id)
        except (ValueError, TypeError):
            return None
        return user if user is not None and self.user_can_authenticate(user) else None
