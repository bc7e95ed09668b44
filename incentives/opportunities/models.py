"""Models of 机会点激励 arrive with issue #4."""
