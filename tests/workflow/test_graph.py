"""The certification workflow graph, asserted whole (a change to the graph must change this test)."""
from partnercenter.partners.models import BusinessInfoApplication, RealNameApplication, ReviewStatus

S = ReviewStatus


def test_review_graph_is_exactly_declared():
    assert RealNameApplication.workflow.graph() == {
        S.PENDING: {S.WITHDRAWN, S.APPROVED, S.REJECTED},
        S.REJECTED: {S.PENDING},
        S.WITHDRAWN: {S.PENDING},
    }
    assert BusinessInfoApplication.workflow is RealNameApplication.workflow


def test_vendor_and_partner_transitions_are_separated():
    workflow = RealNameApplication.workflow
    assert {t.name for t in workflow.transitions.values() if t.by_vendor} == {"approve", "reject"}
    assert {t.name for t in workflow.transitions.values() if not t.by_vendor} == {"resubmit", "withdraw"}


def test_approved_is_final():
    application = RealNameApplication(status=S.APPROVED)
    assert RealNameApplication.workflow.available(application) == []
    assert "不能执行" in RealNameApplication.workflow.check(application, "reject")
