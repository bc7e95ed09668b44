"""Demo data for a fresh PartnerCenter (`manage.py demo_data`): a catalogue, five partners with their people,
customers, 13 months of orders and consumption, and certifications in every interesting state.

Everything is deterministic (fixed seeds) and keyed by natural keys, so a second run creates nothing:

* catalogue by code, partners by domain_id, users by username, customers by customer_id;
* certifications, assignments and notifications only for partners / customers created in this run;
* orders only for customers created in this run (their numbers carry the order time, which moves with "today");
* consumption lines by source_ref ``DEMO-<customer_id>-<YYYYMM>-<n>``, each cycle generated from its own seed,
  so a run next month adds exactly the newly closed cycle.

Certifications and customer assignments go through the services (audit rows, deadlines and notifications
exist); their timestamps are then moved to the past so the history reads naturally. Orders and consumption are
imported data in production and are bulk-created here.
"""
from .builder import build
from .specs import MONTHS, PASSWORD, SOURCE_PREFIX, add_months, aware, closed_cycles, draw_identities

__all__ = [
    "MONTHS", "PASSWORD", "SOURCE_PREFIX", "add_months", "aware", "build", "closed_cycles", "draw_identities",
]
