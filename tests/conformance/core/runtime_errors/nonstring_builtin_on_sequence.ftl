${seq?upper_case}
