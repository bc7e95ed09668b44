"""The login backend: Django's ModelBackend, loading the signed-in user with their partner and their unread
notification count in one query (every page's layout shows the partner's name and the bell's count; without this
each request pays two more round trips for them).

That query runs on every request, so its SQL is written once per process from the models' metadata and the rows
are turned into model instances with `Model.from_db` (what the ORM itself does): building and compiling the same
select_related + subquery queryset cost about 1 ms of Python per request, three times the round trip."""
from contextvars import ContextVar
from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import connections, router


@cache
def _user_parts(vendor: str) -> tuple[str, tuple[str, str], list, list]:
    """(columns, (user table, partner join), user fields, partner fields) of the signed-in user's read: user
    columns, partner columns, the unread count, from the user table aliased `u`. Cached per database vendor;
    the columns follow the models."""
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
    # S608: every name comes from the models' metadata and is quoted; values are parameters.
    unread = (f"(SELECT COUNT(*) FROM {quote(Notification._meta.db_table)} n "  # noqa: S608
              f"WHERE n.{quote(recipient)} = u.{quote(user_model._meta.pk.column)} AND n.{quote(read_at)} IS NULL)")
    joins = (f"{quote(user_model._meta.db_table)} u", f"LEFT JOIN {quote(partner_model._meta.db_table)} p "
             f"ON p.{quote(partner_field.target_field.column)} = u.{quote(partner_field.column)}")
    return f"{', '.join(columns)}, {unread}", joins, list(user_fields), list(partner_fields)


def user_select(vendor: str) -> tuple[str, tuple[str, str]]:
    """The user read's columns and (`users u`, `LEFT JOIN partners p ON …`) for a statement that joins it (the
    session read); `user_from_row` turns the columns back into the user."""
    columns, joins, _user_fields, _partner_fields = _user_parts(vendor)
    return columns, joins


def user_pk_column() -> str:
    return get_user_model()._meta.pk.column


def load_user(user_id):
    """The user with `user.partner` loaded and `user.unread_notifications` set, or None."""
    user_model = get_user_model()
    connection = connections[router.db_for_read(user_model)]
    columns, joins, _user_fields, _partner_fields = _user_parts(connection.vendor)
    quote = connection.ops.quote_name
    sql = f"SELECT {columns} FROM {joins[0]} {joins[1]} WHERE u.{quote(user_pk_column())} = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [user_model._meta.pk.get_db_prep_value(user_id, connection)])
        row = cursor.fetchone()
    return None if row is None else user_from_row(connection, row)


def user_from_row(connection, row):
    """The user of a row of `user_select`'s columns (None when its id is NULL: no user signed in)."""
    user_model = get_user_model()
    _columns, _joins, user_fields, partner_fields = _user_parts(connection.vendor)
    if row[[f.attname for f in user_fields].index(user_model._meta.pk.attname)] is None:
        return None
    alias = connection.alias
    split = len(user_fields)
    user = user_model.from_db(alias, [f.attname for f in user_fields], _converted(connection, user_fields, row))
    partner_field = user_model._meta.get_field("partner")
    partner = None
    if user.partner_id is not None:
        partner = partner_field.related_model.from_db(alias, [f.attname for f in partner_fields],
                                                      _converted(connection, partner_fields, row[split:]))
    partner_field.set_cached_value(user, partner)
    user.unread_notifications = row[split + len(partner_fields)]
    return user


# The user the session read of this request brought along (partnercenter.sessions), for the backend to use once.
_loaded: ContextVar = ContextVar("partnercenter_loaded_user", default=None)


def remember_loaded(user) -> None:
    _loaded.set(user)


def forget_loaded() -> None:
    _loaded.set(None)


def _take_loaded(user_id):
    user = _loaded.get()
    _loaded.set(None)
    if user is not None and str(user.pk) == str(user_id):
        return user
    return None


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
            user = _take_loaded(user_id) or load_user(user_id)
        except (ValueError, TypeError):
            return None
        return user if user is not None and self.user_can_authenticate(user) else None
