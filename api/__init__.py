"""HTTP entry point: FastAPI app factory, routers, schemas, dependencies, error mapping, CLI."""
