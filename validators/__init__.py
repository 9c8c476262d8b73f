"""Job-payload validation: payload -> parsed -> rules -> diagnostics -> formatter."""
