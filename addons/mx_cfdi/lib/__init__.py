"""Pure Python CFDI 4.0 logic (no ORM): build, seal, validate, stamp parsing, PAC clients."""
