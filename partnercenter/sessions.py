"""The session engine: Django's database sessions in `partners.PortalSession`, which also keeps the signed-in
user's id, so one fixed SQL statement reads the session AND the user with their partner and unread count.

Every request reads its session and then its user; as two ORM queries that cost about 0.6 ms of Python plus two
round trips, as two fixed statements two round trips (0.55–0.65 ms each in a request on the bench VM), as this
one statement one. The user read here is handed to the login backend (`partners.auth.PartnerModelBackend`) for
this request only; without it (no user id on the row) the backend loads the user itself. Writing, expiry and
clearing stay Django's; `create_model_instance` copies the user id from the session's data on every save."""
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    @classmethod
    def get_model_class(cls):
        from partnercenter.partners.models import PortalSession

        return PortalSession

    def create_model_instance(self, data):
        instance = super().create_model_instance(data)
        user_id = data.get(SESSION_KEY)
        instance.user_id = int(user_id) if isinstance(user_id, str) and user_id.isdigit() else None
        return instance

    def _get_session_from_db(self):
        from partnercenter.partners import auth

        auth.forget_loaded()
        if not self.session_key:  # Django's query finds nothing for a missing or malformed key either
            self._session_key = None
            return None
        model = self.model
        connection = connections[router.db_for_read(model)]
        now = model._meta.get_field("expire_date").get_db_prep_value(timezone.now(), connection)
        with connection.cursor() as cursor:
            cursor.execute(_session_query(connection.vendor), [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        auth.remember_loaded(auth.user_from_row(connection, row[1:]))
        return model(session_key=self.session_key, session_data=row[0])


_QUERIES: dict = {}


def _session_query(vendor: str) -> str:
    """The session's data, then the user's columns as partners.auth reads them (NULLs when no user is signed in)."""
    sql = _QUERIES.get(vendor)
    if sql is None:
        from partnercenter.partners import auth

        model = SessionStore.get_model_class()
        quote = connections[router.db_for_read(model)].ops.quote_name
        field = model._meta.get_field
        columns, (users, partner_join) = auth.user_select(vendor)
        # S608: every name comes from the models' metadata and is quoted; both values are parameters.
        sql = _QUERIES[vendor] = (
            f"SELECT s.{quote(field('session_data').column)}, {columns} "  # noqa: S608
            f"FROM {quote(model._meta.db_table)} s LEFT JOIN {users} "
            f"ON u.{quote(auth.user_pk_column())} = s.{quote(field('user_id').column)} {partner_join} "
            f"WHERE s.{quote(field('session_key').column)} = %s AND s.{quote(field('expire_date').column)} > %s")
    return sql
