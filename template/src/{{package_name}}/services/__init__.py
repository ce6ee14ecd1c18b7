"""Use cases. Services own the transaction and raise domain errors; they know no HTTP."""
