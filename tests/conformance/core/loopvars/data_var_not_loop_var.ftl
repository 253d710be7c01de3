${n?has_next}
