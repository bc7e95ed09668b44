"""The api wing's share of tests.builders.partner_world: one access key of the partner's main account."""
from partnercenter.api.services import access_key_create


def api_world(world: dict, main, operator, *, tag: str) -> dict:
    key, _secret = access_key_create(user=main, description=f"{tag}的集成密钥")
    return {"AccessKey": key, "markers": [key.access_key, key.description]}
