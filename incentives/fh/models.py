"""Models of FH arrive with issue #5."""
