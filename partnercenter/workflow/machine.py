"""Declaring a state machine once: the transitions of a model, their sources, target and guard.

A model declares::

    workflow = Workflow(
        Transition("submit", sources=[Status.DRAFT, Status.REJECTED], target=Status.PENDING, label=_("提交")),
        Transition("approve", sources=[Status.PENDING], target=Status.APPROVED, label=_("通过"),
                   guard="check_approve"),
    )

A guard is a side-effect-free model method returning `None` when the transition may run, or a translated
message saying why not. Templates use `workflow.can(obj, name)` to show buttons; the service checks the same
guard again on the row it has locked (`workflow.services.locked_transition`).
"""
from dataclasses import dataclass, field


class TransitionNotAllowed(Exception):
    """The transition cannot run from the object's current state; the message says why (translated)."""


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple
    target: object
    label: str
    guard: str | None = None
    # Vendor staff run this transition (review actions); otherwise partner users do.
    by_vendor: bool = False
    style: str = "default"

    def __post_init__(self):
        object.__setattr__(self, "sources", tuple(self.sources))


@dataclass
class Workflow:
    transitions: dict = field(default_factory=dict)
    field_name: str = "status"

    tones: dict = field(default_factory=dict)

    def __init__(self, *transitions: Transition, field_name: str = "status", tones: dict | None = None):
        self.field_name = field_name
        self.transitions = {t.name: t for t in transitions}
        # Badge tone per status (success, warning, danger, info, neutral) for every page showing the status.
        self.tones = tones or {}

    def __getitem__(self, name) -> Transition:
        return self.transitions[name]

    def state(self, obj):
        return getattr(obj, self.field_name)

    def check(self, obj, name: str) -> str | None:
        """None when `name` may run on `obj` now, else the reason it may not."""
        from django.utils.translation import gettext as _

        transition = self.transitions[name]
        current = self.state(obj)
        if current not in transition.sources:
            label = obj._meta.get_field(self.field_name).flatchoices
            current_label = dict(label).get(current, current)
            return _("当前状态为“%(status)s”，不能执行“%(action)s”。") % {
                "status": current_label,
                "action": transition.label,
            }
        if transition.guard:
            return getattr(obj, transition.guard)()
        return None

    def can(self, obj, name: str) -> bool:
        return self.check(obj, name) is None

    def available(self, obj, *, by_vendor: bool | None = None) -> list[Transition]:
        return [
            t
            for t in self.transitions.values()
            if (by_vendor is None or t.by_vendor == by_vendor) and self.can(obj, t.name)
        ]

    def tone(self, obj) -> str:
        return self.tones.get(self.state(obj), "neutral")

    def graph(self) -> dict:
        """{source: {target, ...}} — asserted whole in tests, so the graph is reviewed as data."""
        edges: dict = {}
        for t in self.transitions.values():
            for source in t.sources:
                edges.setdefault(source, set()).add(t.target)
        return edges
