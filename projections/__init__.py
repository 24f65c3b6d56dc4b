"""Read models built from the event log (current plans, history, audit trail, worklists,
virksomme planer). Logic over abstract views only: no SQL dialect here."""
