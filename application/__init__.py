"""Use cases: the `Planspor` application (commands and queries) and its errors."""
