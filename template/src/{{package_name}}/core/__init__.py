"""Configuration, security primitives, domain errors and logging shared by all layers."""
