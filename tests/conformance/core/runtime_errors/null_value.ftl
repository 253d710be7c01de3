${nothing}
