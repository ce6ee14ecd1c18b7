"""The web adapter: the only package that knows the framework."""
