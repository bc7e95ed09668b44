def partner_overview(*, partner):
    return {}
