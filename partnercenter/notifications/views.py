from partnercenter.partners.views import _todo

notification_list = notification_open = notification_read_all = _todo
