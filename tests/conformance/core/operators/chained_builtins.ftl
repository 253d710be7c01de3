${s?upper_case?lower_case?length} ${(s + s)?length}
