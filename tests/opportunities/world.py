"""The opportunity-incentive wing's objects in the tenancy world: an opportunity and its application in review
with a stamped letter."""
from .helpers import opportunity, submitted


def opportunities_world(world, main, operator, *, tag):
    opp = opportunity(world["Partner"], name=f"{tag}机会点激励项目")
    application = submitted(main, opp, description=f"{tag}激励申请说明")
    return {"Opportunity": opp, "OpportunityApplication": application,
            "Material": application.materials.first(), "ApplicationVersion": application.versions.first(),
            "markers": [opp.name, application.code]}
