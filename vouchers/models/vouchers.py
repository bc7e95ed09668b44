# Models of this wing arrive with its issue.
