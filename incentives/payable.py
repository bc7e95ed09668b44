"""The period incentive bill as a payable source (payments.sources); written by the payments wing (issue #6)."""
