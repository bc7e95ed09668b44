"""Operating PartnerCenter: request ids and JSON logs, Prometheus metrics, readiness checks."""
