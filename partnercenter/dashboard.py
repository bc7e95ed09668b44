"""Panels on the home page contributed by the wings (a chart of incentives, a summary of tasks, …).

A wing registers `provider(user) -> (template_name, context) | None` from its AppConfig.ready(); the home page
renders each returned panel in registration order. The platform never imports a wing.
"""
from collections.abc import Callable

PANELS: list[Callable] = []


def register(provider: Callable) -> Callable:
    PANELS.append(provider)
    return provider


def panels_for(user) -> list[tuple[str, dict]]:
    panels = []
    for provider in PANELS:
        panel = provider(user)
        if panel is not None:
            panels.append(panel)
    return panels
