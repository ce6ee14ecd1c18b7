"""Request and response shapes; inputs forbid unknown fields (no mass assignment)."""
