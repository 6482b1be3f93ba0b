"""The inspection cycle around the score: review decisions, follow-up and comparison, integrity hints."""
