"""The incentive wing's objects in the tenancy world (tests.builders.partner_world calls this)."""
from .helpers import incentive_world


def incentives_world(world, main, operator, *, tag):
    return incentive_world(world["Partner"], main, operator, tag=tag)
