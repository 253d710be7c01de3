${nothing?c}
