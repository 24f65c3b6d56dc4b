"""Read models in PostgreSQL: versioned builds behind stable views, a batching runner, queries."""
