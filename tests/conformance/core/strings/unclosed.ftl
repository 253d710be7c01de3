${'abc}
