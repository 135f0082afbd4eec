"""Checks: document rules, corpus rules and the POA link, applied in one audit pass."""
