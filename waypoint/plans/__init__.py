"""Plans, targets, signatures, reviews and early revocation."""
