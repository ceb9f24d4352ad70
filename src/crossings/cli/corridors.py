"""Commands for this topic are added by the issue that builds it."""
