from .views import _todo

queue = realname_review = businessinfo_review = _todo
